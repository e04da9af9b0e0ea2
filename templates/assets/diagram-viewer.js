// "Open full size" for every diagram: a full-screen dialog with the diagram at
// its natural size, zoom buttons (and Ctrl/⌘ + wheel), and panning by dragging
// or scrolling. Works the same for build-time SVGs and browser-rendered ones.
(function () {
  var ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3];

  function open(figure) {
    var svg = figure.querySelector('svg[role="img"], pre.mermaid svg');
    if (!svg) return;
    var vb = svg.viewBox.baseVal;
    var width = vb && vb.width ? vb.width : svg.getBoundingClientRect().width;
    var height = vb && vb.height ? vb.height : svg.getBoundingClientRect().height;
    var title = (figure.querySelector('figcaption strong') || {}).textContent || 'Diagram';
    var zoom = 2; // index into ZOOMS: 1 = natural size

    var dialog = document.createElement('dialog');
    dialog.className = 'diagram-dialog';
    dialog.setAttribute('aria-label', title + ' (full size)');
    var bar = document.createElement('div');
    bar.className = 'diagram-dialog-bar';
    var heading = document.createElement('p');
    heading.className = 'diagram-dialog-title';
    heading.textContent = title;
    var level = document.createElement('span');
    level.className = 'diagram-zoom-level';
    level.setAttribute('aria-live', 'polite');
    function button(text, label, fn) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = text;
      b.setAttribute('aria-label', label);
      b.addEventListener('click', fn);
      return b;
    }
    var viewport = document.createElement('div');
    viewport.className = 'diagram-viewport';
    viewport.tabIndex = 0;
    var copy = svg.cloneNode(true);
    copy.removeAttribute('style');
    copy.classList.add('diagram-full');
    viewport.appendChild(copy);

    function apply() {
      var z = ZOOMS[zoom];
      copy.setAttribute('width', String(Math.round(width * z)));
      copy.setAttribute('height', String(Math.round(height * z)));
      level.textContent = Math.round(z * 100) + ' %';
    }
    function setZoom(i) {
      var z0 = ZOOMS[zoom];
      var cx = (viewport.scrollLeft + viewport.clientWidth / 2) / z0;
      var cy = (viewport.scrollTop + viewport.clientHeight / 2) / z0;
      zoom = Math.max(0, Math.min(ZOOMS.length - 1, i));
      apply();
      viewport.scrollLeft = cx * ZOOMS[zoom] - viewport.clientWidth / 2;
      viewport.scrollTop = cy * ZOOMS[zoom] - viewport.clientHeight / 2;
    }
    bar.appendChild(heading);
    bar.appendChild(button('−', 'Zoom out', function () { setZoom(zoom - 1); }));
    bar.appendChild(level);
    bar.appendChild(button('+', 'Zoom in', function () { setZoom(zoom + 1); }));
    bar.appendChild(button('100 %', 'Natural size', function () { setZoom(2); }));
    bar.appendChild(button('Close', 'Close the full-size diagram', function () { dialog.close(); }));
    dialog.appendChild(bar);
    dialog.appendChild(viewport);

    // Pan by dragging (mouse or pen; touch pans natively by scrolling).
    var drag = null;
    viewport.addEventListener('pointerdown', function (e) {
      if (e.pointerType === 'touch') return;
      drag = { x: e.clientX, y: e.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
      viewport.setPointerCapture(e.pointerId);
      viewport.classList.add('dragging');
    });
    viewport.addEventListener('pointermove', function (e) {
      if (!drag) return;
      viewport.scrollLeft = drag.left - (e.clientX - drag.x);
      viewport.scrollTop = drag.top - (e.clientY - drag.y);
    });
    function stop() { drag = null; viewport.classList.remove('dragging'); }
    viewport.addEventListener('pointerup', stop);
    viewport.addEventListener('pointercancel', stop);
    viewport.addEventListener('wheel', function (e) {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      setZoom(zoom + (e.deltaY < 0 ? 1 : -1));
    }, { passive: false });
    viewport.addEventListener('keydown', function (e) {
      if (e.key === '+' || e.key === '=') setZoom(zoom + 1);
      else if (e.key === '-') setZoom(zoom - 1);
    });
    dialog.addEventListener('close', function () {
      dialog.remove();
      figure.querySelector('.diagram-open').focus();
    });
    apply();
    document.body.appendChild(dialog);
    dialog.showModal();
    viewport.focus();
  }

  function start() {
    var figures = document.querySelectorAll('figure.diagram');
    for (var i = 0; i < figures.length; i++) {
      if (figures[i].querySelector('.diagram-open')) continue;
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'diagram-open';
      b.textContent = 'Open full size';
      b.addEventListener('click', (function (f) { return function () { open(f); }; })(figures[i]));
      figures[i].insertBefore(b, figures[i].firstChild);
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
