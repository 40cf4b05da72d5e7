// The poll widget without a page reload: the form is posted with fetch and the server's
// re-rendered widget (results, thanks or refusal) replaces the old one. Without JavaScript
// the same form posts normally and the server redirects back with a message.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form.poll__form");
  if (!form) return;
  event.preventDefault();
  const widget = form.closest("section.widget--poll");
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    });
    const html = await response.text();
    if (!response.headers.has("X-Poll-Widget")) throw new Error(html);
    widget.outerHTML = html;
  } catch (error) {
    form.submit(); // fall back to the plain form post
  }
});
