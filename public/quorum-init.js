// GOV.UK Frontend's components (error summary focus, character count...) run only where the browser supports them;
// every page works without this file (progressive enhancement). An external module, so the CSP needs no inline script.
import { initAll } from './govuk-frontend.min.js';

document.body.classList.add('js-enabled');
if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported');
initAll();
