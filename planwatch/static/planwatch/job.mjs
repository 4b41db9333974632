// Follows a background job on its page: asks for its state every few seconds until it is
// finished, then says so in the page's status region (read out by screen readers) and shows
// the file's link. Without JavaScript, the page's "Check again" link does the same.
const POLL_MS = 2000

function follow (region) {
  const label = region.querySelector('[data-job-label]')
  const done = region.querySelector('[data-job-done]')
  const file = region.querySelector('[data-job-file]')
  const error = region.querySelector('[data-job-error]')
  const errorText = region.querySelector('[data-job-error-text]')
  const refresh = region.querySelector('[data-job-refresh]')
  const message = region.querySelector('[data-job-message]')

  async function check () {
    let state
    try {
      const response = await fetch(region.dataset.jobState, { headers: { Accept: 'application/json' } })
      if (!response.ok) throw new Error(response.statusText)
      state = await response.json()
    } catch {
      window.setTimeout(check, POLL_MS * 3)
      return
    }
    if (!state.finished) {
      const text = `${state.label}…`
      if (label.textContent !== text) label.textContent = text
      window.setTimeout(check, POLL_MS)
      return
    }
    if (refresh) refresh.hidden = true
    if (state.state === 'failed') {
      label.textContent = 'Failed'
      errorText.textContent = state.error
      error.hidden = false
      return
    }
    label.textContent = 'Ready'
    if (file && state.file) file.href = state.file
    if (message) message.textContent = state.message
    done.hidden = false
  }

  window.setTimeout(check, POLL_MS)
}

for (const region of document.querySelectorAll('[data-job-state]')) {
  if (!region.querySelector('[data-job-refresh]')) continue // already finished
  follow(region)
}
