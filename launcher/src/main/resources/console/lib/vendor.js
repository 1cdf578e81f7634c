// Loads a WebJar library served by Bourtol (/vendor/...) once, when a view first needs it.
const loaded = {};

function css(href) {
  if (document.querySelector('link[href="' + href + '"]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.appendChild(link);
}

function script(src, global) {
  if (!loaded[src]) {
    loaded[src] = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = () => resolve(window[global]);
      s.onerror = () => reject(new Error('cannot load ' + src));
      document.head.appendChild(s);
    });
  }
  return loaded[src];
}

export function leaflet() {
  css('/vendor/leaflet/leaflet.css');
  return script('/vendor/leaflet/leaflet.js', 'L');
}

export function uplot() {
  css('/vendor/uplot/uPlot.min.css');
  return script('/vendor/uplot/uPlot.iife.min.js', 'uPlot');
}
