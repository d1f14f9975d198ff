import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { LLM_PROVIDER, type LlmProvider } from './llm-provider';
import { OpenAiLlmProvider } from './openai.provider';
import { SimulatedLlmProvider } from './simulated.provider';

@Module({
  providers: [
    {
      provide: LLM_PROVIDER,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>): LlmProvider =>
        config.get('LLM_PROVIDER', { infer: true }) === 'openai'
          ? new OpenAiLlmProvider({
              baseUrl: config.get('LLM_BASE_URL', { infer: true }),
              apiKey: config.get('LLM_API_KEY', { infer: true }),
              timeoutMs: config.get('LLM_TIMEOUT_MS', { infer: true }),
            })
          : new SimulatedLlmProvider(
              config.get('SIMULATED_LLM_DELAY_MS', { infer: true }),
              config.get('SIMULATED_LLM_WORDS', { infer: true }),
            ),
    },
  ],
  exports: [LLM_PROVIDER],
})
export class LlmModule {}
