// Progress on this device: ticked steps, and the ticked items of "What's in
// the box" and the return list, are remembered (localStorage, keyed by
// guide, language and revision), with "continue where you left off" and a
// reset. The page reads and works without this script.
(function () {
  "use strict";
  var root = document.documentElement;
  var key = root.getAttribute("data-storage-key");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-step]"));
  var state = {};
  var store = null;
  try {
    store = window.localStorage;
    state = JSON.parse(store.getItem(key) || "{}") || {};
  } catch (e) {
    store = null;
  }
  var progress = document.getElementById("sg_progress");
  var next = document.getElementById("sg_continue");
  var template = next ? next.getAttribute("data-text") : "";

  function save() {
    if (!store) return;
    try { store.setItem(key, JSON.stringify(state)); } catch (e) { /* full or private: not remembered */ }
  }

  function refresh() {
    var first = null;
    boxes.forEach(function (box) {
      var step = document.getElementById(box.getAttribute("data-step"));
      if (step) step.classList.toggle("is-done", box.checked);
      if (!box.checked && first === null) first = box;
    });
    var started = boxes.some(function (b) { return b.checked; });
    if (progress && next) {
      progress.hidden = !started;
      if (first) {
        next.hidden = false;
        next.setAttribute("href", "#" + first.getAttribute("data-step"));
        next.textContent = template.replace("{n}", first.getAttribute("data-number"));
      } else {
        next.hidden = true;
      }
    }
  }

  boxes.forEach(function (box) {
    box.checked = state[box.getAttribute("data-step")] === true;
    box.addEventListener("change", function () {
      if (box.checked) state[box.getAttribute("data-step")] = true;
      else delete state[box.getAttribute("data-step")];
      save();
      refresh();
    });
  });

  // The other check boxes, remembered under their own names ("box:2");
  // step ids hold no colon, so the two never meet.
  var ticks = Array.prototype.slice.call(document.querySelectorAll("input[data-tick]"));
  ticks.forEach(function (box) {
    var name = box.getAttribute("data-tick");
    box.checked = state[name] === true;
    box.addEventListener("change", function () {
      if (box.checked) state[name] = true;
      else delete state[name];
      save();
    });
  });

  var reset = document.getElementById("sg_reset");
  if (reset) {
    reset.addEventListener("click", function () {
      state = {};
      boxes.concat(ticks).forEach(function (b) { b.checked = false; });
      save();
      refresh();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(function () {
        button.textContent = button.getAttribute("data-done") || label;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  // The call button floats only where it covers nothing the reader needs:
  // once the cover's "Need help?" box, which holds the same number, has
  // scrolled away above; the style keeps room for it below the last line.
  // The watched area reaches far below the screen, so the box leaves it
  // only across the top edge, even in one jump (a link to a step, a
  // reload half-way down). Without the script, or an IntersectionObserver,
  // the button stays a plain link at the end of the page.
  var call = document.querySelector("a.call");
  var help = document.querySelector(".support");
  if (call && help && "IntersectionObserver" in window) {
    root.classList.add("sg-float");
    new IntersectionObserver(function (entries) {
      call.classList.toggle("is-shown", !entries[entries.length - 1].isIntersecting);
    }, { rootMargin: "0px 0px 1000000px 0px" }).observe(help);
  }

  refresh();
})();
