// In-place updates for the portal's forms. Every form works without this script (a post,
// then a redirect); with it, a form marked data-inplace is sent in the background and the
// page's main content is replaced by the answer, asked for with `HX-Request: true` so the
// server renders the main content alone.
"use strict";

(function () {
  const main = () => document.getElementById("main");

  async function submit(form, submitter) {
    const body = new URLSearchParams(new FormData(form, submitter));
    const buttons = form.querySelectorAll("button");
    buttons.forEach((b) => (b.disabled = true));
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        headers: { "HX-Request": "true" },
        credentials: "same-origin",
      });
      if (response.redirected && new URL(response.url).pathname === "/portal/login") {
        window.location.assign(response.url);
        return;
      }
      const html = await response.text();
      if (!response.ok && !response.headers.get("content-type")?.startsWith("text/html")) {
        form.submit();
        return;
      }
      const target = main();
      if (response.ok) {
        target.innerHTML = html;
      } else {
        // An error page: show its message where the page was.
        const page = new DOMParser().parseFromString(html, "text/html");
        const content = page.getElementById("main");
        target.innerHTML = content ? content.innerHTML : html;
      }
      const heading = target.querySelector("h1");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: true });
      }
    } catch (_) {
      // The network failed: fall back to a plain post.
      form.submit();
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-inplace")) return;
    event.preventDefault();
    submit(form, event.submitter);
  });
})();
