import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE_KEY = 'careguide:public-route';

/** Routes anyone may call without identity (health probes, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE_KEY, true);
