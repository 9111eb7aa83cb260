import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createMimesisApi } from '@shared/ipc/api'
import { App } from './components/App'
import './styles/studio.css'

// Built here, in the page's own world, so IPC errors arrive as MimesisIpcError with their codes.
Object.defineProperty(window, 'mimesis', {
  value: createMimesisApi(window.mimesisTransport),
  writable: false,
  configurable: false
})

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
