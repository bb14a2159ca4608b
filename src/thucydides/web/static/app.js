// The write token typed once is remembered for this tab (sessionStorage) and filled into every form.
document.addEventListener("DOMContentLoaded", () => {
  const saved = sessionStorage.getItem("thucydides-token") || "";
  for (const input of document.querySelectorAll("input.token")) {
    if (saved && !input.value) input.value = saved;
    input.addEventListener("change", () => sessionStorage.setItem("thucydides-token", input.value));
  }
});
