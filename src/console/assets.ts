import { Router } from 'express';

/** Phone first: one column, large targets, colours that keep at least 4.5:1 contrast. */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f7f9}
a{color:#0b5394}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
.top{background:#16324f;color:#fff;padding:8px 12px;display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between}
.top ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px}
.top a{color:#fff;text-decoration:none;padding:8px 10px;border-radius:6px;display:inline-block}
.top a[aria-current=page]{background:#fff;color:#16324f;font-weight:600}
.top a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
.who{display:flex;gap:8px;align-items:center;font-size:14px}.who form{margin:0}.role{opacity:.9}
button.link{background:none;border:1px solid #fff;color:#fff;padding:6px 10px;border-radius:6px;cursor:pointer;font:inherit}
main{max-width:960px;margin:0 auto;padding:12px}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem;margin:.25rem 0}
.card{background:#fff;border:1px solid #d0d5dd;border-radius:10px;padding:12px;margin:0 0 12px}
.card.awaiting{border-left:6px solid #b45309}.card.critical{border-left:6px solid #b91c1c}.card.high{border-left:6px solid #b45309}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:13px;font-weight:600;background:#e5e7eb;color:#1f2937}
.badge.critical,.badge.crisis{background:#b91c1c;color:#fff}.badge.high{background:#92400e;color:#fff}.badge.open{background:#1d4ed8;color:#fff}
.badge.ok{background:#166534;color:#fff}
.oncall{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px}
.oncall div{background:#fff;border:1px solid #d0d5dd;border-radius:10px;padding:10px}.oncall strong{display:block;font-size:1.1rem}
.muted{color:#4b5563}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
.table-wrap{overflow-x:auto}
.field{margin:0 0 12px}.field label{display:block;font-weight:600;margin-bottom:4px}
input,select,textarea{font:inherit;padding:10px;border:1px solid #6b7280;border-radius:6px;width:100%;max-width:420px;background:#fff;color:#1a1a1a}
.has-error input,.has-error select{border:2px solid #b91c1c}.error{color:#b91c1c;margin:4px 0 0;font-weight:600}.hint{margin:0 0 4px;color:#4b5563;font-size:14px}
button,.button{font:inherit;padding:10px 16px;border-radius:8px;border:0;background:#16324f;color:#fff;cursor:pointer;min-height:44px}
button.secondary{background:#fff;color:#16324f;border:1px solid #16324f}button.danger{background:#b91c1c}
.actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center}.actions form{margin:0}
.notice{background:#ecfdf3;border:1px solid #166534;color:#14532d;padding:8px 12px;border-radius:8px}
.message{white-space:pre-wrap;background:#f3f4f6;padding:8px;border-radius:6px}
.days{list-style:none;padding:0;margin:0}.days li{background:#fff;border:1px solid #d0d5dd;border-radius:8px;padding:8px;margin:0 0 6px}
.days li.today{border:2px solid #16324f}.days .date{font-weight:600;display:inline-block;min-width:120px}
.signin{max-width:420px;width:calc(100% - 24px);margin:10vh auto;background:#fff;padding:20px;border-radius:12px;border:1px solid #d0d5dd}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.days li.past{display:none;background:#f3f4f6;color:#4b5563}.days .change{display:block}
form.inline{display:inline}
details summary{cursor:pointer;padding:6px 0;color:#0b5394;font-weight:600}
@media (min-width:720px){main{padding:20px}.days li.past{display:block}.days{display:grid;grid-template-columns:repeat(7,1fr);gap:6px}.days li{margin:0;font-size:14px}.days .date{display:block;min-width:0}}
`;

/**
 * Live updates without a build: an element with data-live subscribes to Server-Sent Events and
 * replaces its content with each fragment the server sends. Without JavaScript, the page reloads by hand.
 */
const JS = `
document.querySelectorAll('[data-live]').forEach(function (el) {
  if (!window.EventSource) return;
  var source = new EventSource(el.getAttribute('data-live'));
  source.addEventListener('fragment', function (e) { el.innerHTML = e.data; el.setAttribute('data-updated', String(Date.now())); });
});
`;

export function createAssetRoutes(): Router {
  const router = Router();
  router.get('/assets/console.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=300').send(CSS);
  });
  router.get('/assets/console.js', (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'public, max-age=300').send(JS);
  });
  return router;
}
