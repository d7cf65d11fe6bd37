// The page's buttons start the session again; no inline script, so the page's
// Content-Security-Policy can allow scripts from the server alone.
function startUrl() {
  const url = new URL(window.location.href);
  const params = new URLSearchParams(url.search);
  params.delete("delay");
  params.delete("ping");
  return url.pathname + "?" + params.toString();
}
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.restart")) {
    button.addEventListener("click", () => {
      window.location.href = startUrl();
    });
  }
});
