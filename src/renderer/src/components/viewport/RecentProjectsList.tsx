import { useRecent } from '../../store/recent-store'
import { formatSavedAt } from '../format-saved-at'

/** The recent projects, in the empty state: one click opens one. */
export function RecentProjectsList({ onOpen }: { onOpen: (id: string) => void }) {
  const projects = useRecent((s) => s.projects)
  const opening = useRecent((s) => s.opening)
  if (projects.length === 0) return null
  return (
    <nav className="recent" aria-label="Recent projects" data-testid="recent-projects">
      <h3>Recent projects</h3>
      <ul>
        {projects.map((project) => (
          <li key={project.id}>
            <button
              type="button"
              className="recent__item"
              disabled={opening !== null}
              title={`Open ${project.name} (${project.folder})`}
              onClick={() => onOpen(project.id)}
            >
              <span className="recent__name">{project.name}</span>
              <span className="recent__folder">{project.folder}</span>
              <span className="recent__when">
                {opening === project.id ? 'Opening…' : formatSavedAt(project.openedAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
