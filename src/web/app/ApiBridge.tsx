import { App } from 'antd'
import { useEffect } from 'react'
import { useNavigate } from 'react-router-dom'
import { connectApi } from '../kit/api.js'
import { useSession } from '../kit/session/useSession.js'

/** Lets the API client show messages with antd (inside the theme) and send an expired staff session to login. */
export function ApiBridge() {
  const { message } = App.useApp()
  const navigate = useNavigate()
  const { clear } = useSession()

  useEffect(() => {
    connectApi({
      notifyError: (text) => {
        void message.error({ content: text, key: text })
      },
      onStaffSessionLost: () => {
        clear()
        const next = `${window.location.pathname}${window.location.search}`
        navigate(`/staff/login?next=${encodeURIComponent(next)}`, { replace: true })
      },
    })
  }, [message, navigate, clear])

  return null
}
