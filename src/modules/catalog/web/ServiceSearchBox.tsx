import { SearchOutlined } from '@ant-design/icons'
import { Button, Input } from 'antd'
import { type FormEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'

/** The "what do you need to do" box: a real form, so Enter and the button both search. */
export function ServiceSearchBox({
  initialQuery = '',
  size = 'large',
  placeholder,
  onSearch,
}: {
  initialQuery?: string
  size?: 'large' | 'middle'
  placeholder?: string
  onSearch?: (query: string) => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [query, setQuery] = useState(initialQuery)
  useEffect(() => setQuery(initialQuery), [initialQuery])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const text = query.trim()
    if (onSearch) onSearch(text)
    else navigate(text ? `/services/search?q=${encodeURIComponent(text)}` : '/services/search')
  }
  return (
    <form className="service-search-box" aria-label={t('services.searchTitle')} onSubmit={submit}>
      <Input
        size={size}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder={placeholder ?? t('services.searchPlaceholder')}
        aria-label={t('services.searchTitle')}
        prefix={<SearchOutlined aria-hidden />}
        allowClear
        maxLength={100}
        name="q"
        data-testid="service-search-input"
      />
      <Button size={size} type="primary" htmlType="submit" data-testid="service-search-submit">
        {t('services.searchButton')}
      </Button>
    </form>
  )
}
