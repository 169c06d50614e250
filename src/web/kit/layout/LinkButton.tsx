import { Button, type ButtonProps } from 'antd'
import type { MouseEvent } from 'react'
import { useNavigate } from 'react-router-dom'

type LinkButtonProps = Omit<ButtonProps, 'href' | 'onClick'> & { to: string }

/** A real link (<a href>, so it can be opened in a new tab) that looks like an antd button and routes in-app. */
export function LinkButton({ to, ...props }: LinkButtonProps) {
  const navigate = useNavigate()
  const onClick = (event: MouseEvent<HTMLElement>) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    navigate(to)
  }
  return <Button {...props} href={to} onClick={onClick} />
}
