// Enhances the components that have behaviour (error summary focus, skip link, ...); every page works without it.
import { initAll } from '/govuk/govuk-frontend.min.js';

initAll();
