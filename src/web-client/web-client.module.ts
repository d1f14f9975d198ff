import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  AbstractLoader,
  ExpressLoader,
  ServeStaticModule,
  type ServeStaticModuleOptions,
} from '@nestjs/serve-static';
import type { Response } from 'express';
import type { Env } from '../config/env.schema';

/**
 * Paths the web client never answers: the API (so unknown /api routes stay 404 JSON),
 * the docs, metrics and health routes, and missing assets (a stale tab gets a 404, not
 * HTML for a script). Everything else that is not a file of the build gets index.html,
 * so the single-page app's own URLs survive a reload.
 */
export const WEB_CLIENT_EXCLUDED_PATHS = [
  '/api{/*rest}',
  '/assets{/*rest}',
  '/docs{/*rest}',
  '/docs-json',
  '/metrics',
  '/healthz',
  '/readyz',
];

/** Vite names its assets by content hash, so a browser may keep them for a year. */
const HASHED_ASSET_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** Hashed assets are cached for good; index.html and the rest are revalidated. */
function cacheHeadersUnder(rootPath: string): (res: Response, path: string) => void {
  const assets = join(rootPath, 'assets') + sep;
  return (res, path) => {
    res.setHeader(
      'Cache-Control',
      path.startsWith(assets)
        ? `public, max-age=${HASHED_ASSET_MAX_AGE_SECONDS}, immutable`
        : 'no-cache',
    );
  };
}

/** The options that serve the built client from `dir`, or none when it was not built. */
export function webClientOptions(dir: string): ServeStaticModuleOptions[] {
  const rootPath = resolve(dir);
  if (!existsSync(join(rootPath, 'index.html'))) {
    new Logger('WebClient').warn(
      `no web client at ${rootPath} (build it with \`npm run build\`); / answers 404`,
    );
    return [];
  }
  return [
    {
      rootPath,
      exclude: WEB_CLIENT_EXCLUDED_PATHS,
      serveStaticOptions: { index: 'index.html', setHeaders: cacheHeadersUnder(rootPath) },
    },
  ];
}

/** Serves the React chat client (web/) at `/`, same origin as the API. */
@Module({})
export class WebClientModule {
  static forRoot(): DynamicModule {
    return {
      module: WebClientModule,
      imports: [
        ServeStaticModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Env, true>) =>
            webClientOptions(config.get('WEB_CLIENT_DIR', { infer: true })),
          // The module picks its loader from the HTTP adapter when providers are built, which
          // a testing module does before the app has an adapter; this app is always Express.
          extraProviders: [{ provide: AbstractLoader, useClass: ExpressLoader }],
        }),
      ],
    };
  }
}
