/**
 * Optional OpenTelemetry tracing. Imported first by main.ts, because instrumentation
 * must patch http, express, Nest and the MongoDB driver before they are loaded.
 * Starts only when OTEL_EXPORTER_OTLP_ENDPOINT is set; spans go there over OTLP/HTTP,
 * named by OTEL_SERVICE_NAME.
 */
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';

const DEFAULT_SERVICE_NAME = 'careguide-chat-api';

let sdk: NodeSDK | undefined;

if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  process.env.OTEL_SERVICE_NAME ||= DEFAULT_SERVICE_NAME;
  sdk = new NodeSDK({
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new HttpInstrumentation(),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      new MongoDBInstrumentation(),
      new IORedisInstrumentation(),
    ],
  });
  sdk.start();
}

/** Flushes buffered spans; called on shutdown. */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
}
