// Traffino site script. Embeds (videos, maps) load only after the visitor asks: until then the
// page sends nothing to the provider.
document.addEventListener('click', (ev) => {
  const button = ev.target.closest('.embed-consent button');
  if (!button) return;
  const figure = button.closest('[data-embed-src]');
  const src = figure && figure.getAttribute('data-embed-src');
  if (!src || !/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com|www\.google\.com|www\.openstreetmap\.org)\//.test(src)) return;
  const frame = document.createElement('iframe');
  frame.src = src;
  const caption = figure.querySelector('figcaption');
  frame.title = caption ? caption.textContent : figure.getAttribute('data-provider');
  frame.allow = 'fullscreen; picture-in-picture';
  frame.referrerPolicy = 'strict-origin-when-cross-origin';
  figure.querySelector('.embed-consent').replaceWith(frame);
});
