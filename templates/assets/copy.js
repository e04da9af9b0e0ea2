// Copy buttons next to shell commands: shown only where the clipboard API is available.
(function () {
  if (!navigator.clipboard || !window.isSecureContext) return;
  function start() {
    var buttons = document.querySelectorAll('.command button.copy');
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      button.hidden = false;
      button.addEventListener('click', function (event) {
        var b = event.currentTarget;
        var code = b.parentNode.querySelector('code');
        navigator.clipboard.writeText(code.textContent).then(
          function () { b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Copy'; }, 1500); },
          function () { b.textContent = 'Copy failed'; }
        );
      });
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
