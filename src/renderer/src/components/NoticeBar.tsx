import { useStudio } from '../store/studio-store'

export function NoticeBar() {
  const notice = useStudio((s) => s.notice)
  const showNotice = useStudio((s) => s.showNotice)
  if (!notice) return null
  return (
    <div className={`notice notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => showNotice(null)}>
        ×
      </button>
    </div>
  )
}
