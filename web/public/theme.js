// Applies the saved theme before the first paint, so a dark-theme reader sees no white flash.
// Loaded as a classic, blocking script from index.html's head, before the app's module.
try {
  const saved = localStorage.getItem("tandem-theme");
  if (saved === "light" || saved === "dark") document.documentElement.dataset.theme = saved;
} catch {
  // Storage refused (private window): the system theme applies.
}
