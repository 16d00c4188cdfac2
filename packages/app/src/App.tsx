import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

/*
 * Plugins listed in package.json are discovered (`app.packages: all`), the
 * AI Cost plugin among them; only modules of this app are listed here.
 */
export default createApp({
  features: [catalogPlugin, navModule],
});
