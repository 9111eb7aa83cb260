// The Generate dialog's emotion timeline: a palette of emotions to drag (or click) onto a strip that spans the
// generated range, where each emotion is a block from its onset to its offset (a tick at its apex). Blocks move
// and resize by dragging or from the keyboard (← → move, Shift+← → move the end, Delete removes).
import { useRef, type DragEvent, type KeyboardEvent, type PointerEvent } from 'react'
import {
  EMOTION_MIXTURES,
  EMOTION_NAMES,
  isEmotionName,
  type EmotionArc,
  type GenerateRange
} from '@shared/generate'
import { useGenerate } from '../../store/generate-store'
import { droppedBlock, movedBlock, resizedBlock } from '../emotion-blocks'

/** The drag's data type: an emotion's name. */
const EMOTION_DRAG_TYPE = 'application/x-mimesis-emotion'
/** Seconds a key press moves a block or its end. */
const KEY_STEP_SEC = 0.1
/** Width (px) of a block's resize handles. */
const EDGE_PX = 7

type Gesture = { index: number; kind: 'move' | 'start' | 'end'; startX: number; arc: EmotionArc }

export function EmotionTimeline({ range }: { range: GenerateRange | null }) {
  const emotions = useGenerate((s) => s.form.emotions)
  const selected = useGenerate((s) => s.form.selectedEmotion)
  const { setEmotion, addEmotion, removeEmotion, selectEmotion } = useGenerate.getState()
  const strip = useRef<HTMLDivElement>(null)
  const gesture = useRef<Gesture | null>(null)
  const intensity = emotions[selected]?.intensity ?? 0.8
  const length = range ? Math.max(1e-6, range.to - range.from) : 1

  const timeAt = (clientX: number): number => {
    const box = strip.current!.getBoundingClientRect()
    return range!.from + ((clientX - box.left) / Math.max(1, box.width)) * length
  }
  const percent = (t: number) => `${(100 * (t - (range?.from ?? 0))) / length}%`

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    const name = event.dataTransfer.getData(EMOTION_DRAG_TYPE)
    if (range && isEmotionName(name)) addEmotion(droppedBlock(name, timeAt(event.clientX), range, intensity))
  }
  const onPointerDown = (event: PointerEvent<HTMLButtonElement>, index: number) => {
    const box = event.currentTarget.getBoundingClientRect()
    const kind =
      event.clientX - box.left < EDGE_PX ? 'start' : box.right - event.clientX < EDGE_PX ? 'end' : 'move'
    gesture.current = { index, kind, startX: event.clientX, arc: emotions[index]! }
    event.currentTarget.setPointerCapture(event.pointerId)
    selectEmotion(index)
  }
  const onPointerMove = (event: PointerEvent) => {
    const g = gesture.current
    if (!g || !range) return
    const next =
      g.kind === 'move'
        ? movedBlock(g.arc, timeAt(event.clientX) - timeAt(g.startX), range)
        : resizedBlock(g.arc, g.kind, timeAt(event.clientX), range)
    setEmotion(g.index, next)
  }
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const arc = emotions[index]!
    if (!range) return
    if (event.key === 'Delete' || event.key === 'Backspace') removeEmotion(index)
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      const step = event.key === 'ArrowLeft' ? -KEY_STEP_SEC : KEY_STEP_SEC
      setEmotion(
        index,
        event.shiftKey ? resizedBlock(arc, 'end', arc.offsetSec + step, range) : movedBlock(arc, step, range)
      )
    } else return
    event.preventDefault()
  }

  return (
    <div className="emotion-timeline">
      <div className="emotion-timeline__palette" role="group" aria-label="Emotions to place">
        {EMOTION_NAMES.map((name) => (
          <button
            key={name}
            type="button"
            className="emotion-timeline__chip"
            draggable
            disabled={!range}
            title={`Drag ${EMOTION_MIXTURES[name].label} onto the timeline below, or click to add it in the middle`}
            onDragStart={(event) => event.dataTransfer.setData(EMOTION_DRAG_TYPE, name)}
            onClick={() =>
              range && addEmotion(droppedBlock(name, (range.from + range.to) / 2, range, intensity))
            }
          >
            {EMOTION_MIXTURES[name].label}
          </button>
        ))}
      </div>
      <div
        ref={strip}
        className="emotion-timeline__strip"
        data-testid="emotion-strip"
        role="group"
        aria-label={
          range
            ? `Emotion timeline, ${range.from.toFixed(2)} to ${range.to.toFixed(2)} s`
            : 'Emotion timeline'
        }
        onDragOver={(event) => event.preventDefault()}
        onDrop={onDrop}
        onPointerMove={onPointerMove}
        onPointerUp={() => (gesture.current = null)}
      >
        {range &&
          emotions.map((arc, index) => (
            <button
              key={index}
              type="button"
              className={`emotion-timeline__block${index === selected ? ' emotion-timeline__block--selected' : ''}`}
              style={{
                left: percent(arc.onsetSec),
                width: `${(100 * (arc.offsetSec - arc.onsetSec)) / length}%`
              }}
              aria-pressed={index === selected}
              aria-label={`${EMOTION_MIXTURES[arc.emotion].label} from ${arc.onsetSec.toFixed(2)} to ${arc.offsetSec.toFixed(2)} s`}
              data-testid="emotion-block"
              onPointerDown={(event) => onPointerDown(event, index)}
              onKeyDown={(event) => onKeyDown(event, index)}
              onFocus={() => selectEmotion(index)}
            >
              <span
                className="emotion-timeline__apex"
                style={{
                  left: `${(100 * (arc.apexSec - arc.onsetSec)) / Math.max(1e-6, arc.offsetSec - arc.onsetSec)}%`
                }}
              />
              {EMOTION_MIXTURES[arc.emotion].label}
            </button>
          ))}
      </div>
    </div>
  )
}
