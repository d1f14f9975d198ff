/** The shape of bench/results/*.json, and its rendering as text, Markdown and an SVG chart. */
import type { Spread } from './lib/stats';

interface StreamSide {
  completed: number;
  failed: number;
  first_event_ms: Spread;
  last_chunk_to_terminal_ms: Spread;
  cpu_ms_per_stream: number;
  seconds: number;
  event_loop_delay_p99_ms: number;
  peak_rss_mb: number;
  rss_after_mb: number;
  errors: string[];
}

interface ApiSide extends StreamSide {
  rss_before_mb: number;
  db_commands_per_stream: number;
  db_commands: Record<string, number>;
  /**
   * CPU the rest of the machine spent per stream while the API ran them: the database
   * (FerretDB and its backend) and the load generator, on the same cores as the API.
   */
  other_cpu_ms_per_stream: number;
}

export interface ConcurrencyFigure {
  streams: number;
  /** Rounds measured on each side; each figure is their median. */
  rounds: number;
  api: ApiSide;
  baseline: StreamSide;
  /** Each round's own figures, when there was more than one. */
  by_round?: { api: ApiSide; baseline: StreamSide }[];
}

interface RequestRate {
  requests_per_second: number;
  latency_ms: Spread;
  failed: number;
}

interface StopFigure {
  to_terminal_ms: Spread;
  stop_call_ms: Spread;
}

interface CommandCount {
  turns: number;
  per_turn: number;
  per_turn_with_background: number;
  commands: Record<string, number>;
}

export interface BenchResults {
  generated_at: string;
  mode: 'quick' | 'full';
  machine: {
    cpu: string;
    cores: number;
    memory_gb: number;
    kernel: string;
    node: string;
    database: string;
  };
  setup: {
    words_per_answer: number;
    word_delay_ms: number;
    log_level: string;
    one_room_per_stream: boolean;
    /** Streams each server runs before a concurrency run is measured: as many as the run, up to this. */
    warm_up_streams_max: number;
    /** Concurrency runs of up to `up_to_streams` are measured `count` times on each side. */
    rounds: { count: number; up_to_streams: number };
  };
  concurrency: ConcurrencyFigure[];
  rooms_list: { api: RequestRate; baseline: RequestRate };
  stop: { same_instance: StopFigure; across_instances: StopFigure };
  relay: { through_api_ms: Spread; direct_ms: Spread; overhead_p50_ms: number };
  db_commands: { completed: CommandCount; stopped: CommandCount; background_per_second: number };
  seconds: number;
}

interface Check {
  figure: string;
  value: string;
  baseline: string;
  target: string;
  met: boolean;
}

/** Every target of the stream-engine issue, checked against the figures. */
export function checks(results: BenchResults): Check[] {
  const out: Check[] = [];
  const at = (streams: number) => results.concurrency.find((figure) => figure.streams === streams);
  const largest = results.concurrency[results.concurrency.length - 1];
  if (largest) {
    const { api, baseline } = largest;
    out.push(
      {
        figure: `${largest.streams} streams: failed`,
        value: String(api.failed),
        baseline: String(baseline.failed),
        target: '0',
        met: api.failed === 0,
      },
      {
        figure: `${largest.streams} streams: peak RSS`,
        value: `${api.peak_rss_mb} MB`,
        baseline: `${baseline.peak_rss_mb} MB`,
        target: '< 1024 MB',
        met: api.peak_rss_mb < 1024,
      },
      {
        figure: `${largest.streams} streams: event-loop delay p99`,
        value: `${api.event_loop_delay_p99_ms} ms`,
        baseline: `${baseline.event_loop_delay_p99_ms} ms`,
        target: '< 50 ms',
        met: api.event_loop_delay_p99_ms < 50,
      },
      {
        figure: `${largest.streams} streams: server CPU per stream`,
        value: `${api.cpu_ms_per_stream} ms`,
        baseline: `${baseline.cpu_ms_per_stream} ms`,
        target: '<= 3x baseline',
        met: api.cpu_ms_per_stream <= 3 * baseline.cpu_ms_per_stream,
      },
    );
  }
  const thousand = at(1_000) ?? results.concurrency[0];
  if (thousand) {
    out.push(
      {
        figure: `${thousand.streams} streams: time to first event p99`,
        value: `${thousand.api.first_event_ms.p99} ms`,
        baseline: `${thousand.baseline.first_event_ms.p99} ms`,
        target: '<= 2x baseline',
        met: thousand.api.first_event_ms.p99 <= 2 * thousand.baseline.first_event_ms.p99,
      },
      {
        figure: `${thousand.streams} streams: last chunk to terminal event p99`,
        value: `${thousand.api.last_chunk_to_terminal_ms.p99} ms`,
        baseline: `${thousand.baseline.last_chunk_to_terminal_ms.p99} ms`,
        target: '< 250 ms',
        met: thousand.api.last_chunk_to_terminal_ms.p99 < 250,
      },
    );
  }
  const { completed, stopped } = results.db_commands;
  out.push(
    {
      figure: 'database round trips per completed turn (net of background jobs)',
      value: String(completed.per_turn),
      baseline: '-',
      target: '<= 4',
      met: completed.per_turn <= 4,
    },
    {
      figure: 'database round trips per stopped turn (net of background jobs)',
      value: String(stopped.per_turn),
      baseline: '-',
      target: '<= 4',
      met: stopped.per_turn <= 4,
    },
    {
      figure: 'stop to terminal event p99, same instance',
      value: `${results.stop.same_instance.to_terminal_ms.p99} ms`,
      baseline: '-',
      target: '< 20 ms',
      met: results.stop.same_instance.to_terminal_ms.p99 < 20,
    },
    {
      figure: 'stop to terminal event p99, across instances',
      value: `${results.stop.across_instances.to_terminal_ms.p99} ms`,
      baseline: '-',
      target: '< 100 ms',
      met: results.stop.across_instances.to_terminal_ms.p99 < 100,
    },
    {
      figure: 'relay overhead p50',
      value: `${results.relay.overhead_p50_ms} ms`,
      baseline: `direct p50 ${results.relay.direct_ms.p50} ms`,
      target: '< 2 ms',
      met: results.relay.overhead_p50_ms < 2,
    },
  );
  return out;
}

const fmt = (spreadOf: Spread) => `${spreadOf.p50} / ${spreadOf.p99}`;

const streamsCell = (figure: ConcurrencyFigure) =>
  figure.rounds > 1 ? `${figure.streams} (median of ${figure.rounds})` : String(figure.streams);

/** Each round of a run measured more than once: its first event p99, terminal p99 and CPU per stream. */
function roundsLine(figure: ConcurrencyFigure): string {
  const rounds = (figure.by_round ?? []).map(
    ({ api, baseline }, index) =>
      `round ${index + 1}: first event p99 ${api.first_event_ms.p99} / ${baseline.first_event_ms.p99} ms, ` +
      `last chunk to terminal p99 ${api.last_chunk_to_terminal_ms.p99} ms, ` +
      `CPU per stream ${api.cpu_ms_per_stream} / ${baseline.cpu_ms_per_stream} ms`,
  );
  return `Rounds at ${figure.streams} streams (API / bare route): ${rounds.join('; ')}.`;
}

export function renderReport(results: BenchResults): {
  summary: string;
  markdown: string;
  svg: string;
} {
  const verdicts = checks(results);
  const lines = [
    `# CareGuide Chat API benchmarks (${results.mode} run, ${results.generated_at})`,
    '',
    `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memory_gb} GB, Linux ${results.machine.kernel}. Node.js ${results.machine.node}. Database: ${results.machine.database}. Whole run: ${results.seconds} s.`,
    '',
    `Every figure is measured beside its baseline in the same run (\`npm run bench\`). The API is the production build (\`node dist/src/main.js\`, NODE_ENV=production, JWT auth, log level ${results.setup.log_level}) with the simulated LLM at ${results.setup.words_per_answer} words ${results.setup.word_delay_ms} ms apart, one room and one session per stream. The baseline is a bare NestJS app on the same platform whose @Sse route streams the same shape of answer with no guards, validation, database or journal (\`bench/bare-server.ts\`). Client and servers share the machine's ${results.machine.cores} cores. Before each concurrency run, each server streams as many answers at once as the run has streams, up to ${results.setup.warm_up_streams_max} (not measured), so the code on the stream path is optimised, as on a server that has been up for a while. Each measured burst starts once the writes behind earlier streams are over (the whole machine quiet for a second, at most a minute), so they do not weigh on its figures. Runs of up to ${results.setup.rounds.up_to_streams} streams are measured in ${results.setup.rounds.count} rounds on each side (the bare route's, then the API's, each API round on sessions of its own: the two servers never run beside each other); their figures are the median of the rounds (but completed: the fewest, failed: the most of any round), and each round's own figures are listed below the table.`,
    '',
    '## Targets',
    '',
    '| figure | measured | baseline | target | met |',
    '|---|---|---|---|---|',
    ...verdicts.map(
      (check) =>
        `| ${check.figure} | ${check.value} | ${check.baseline} | ${check.target} | ${check.met ? 'yes' : 'no'} |`,
    ),
    '',
    '## Concurrent streams',
    '',
    '![time to first event and CPU per stream against concurrency](benchmarks-concurrency.svg)',
    '',
    '| streams | side | completed | failed | first event p50 / p99 (ms) | last chunk to terminal p50 / p99 (ms) | event-loop delay p99 (ms) | peak RSS (MB) | RSS after (MB) | CPU per stream (ms) | DB commands per stream | CPU of the rest of the machine per stream (ms) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.concurrency.flatMap((figure) => [
      `| ${streamsCell(figure)} | API | ${figure.api.completed} | ${figure.api.failed} | ${fmt(figure.api.first_event_ms)} | ${fmt(figure.api.last_chunk_to_terminal_ms)} | ${figure.api.event_loop_delay_p99_ms} | ${figure.api.peak_rss_mb} | ${figure.api.rss_after_mb} | ${figure.api.cpu_ms_per_stream} | ${figure.api.db_commands_per_stream} | ${figure.api.other_cpu_ms_per_stream ?? '-'} |`,
      `| ${streamsCell(figure)} | bare NestJS | ${figure.baseline.completed} | ${figure.baseline.failed} | ${fmt(figure.baseline.first_event_ms)} | ${fmt(figure.baseline.last_chunk_to_terminal_ms)} | ${figure.baseline.event_loop_delay_p99_ms} | ${figure.baseline.peak_rss_mb} | ${figure.baseline.rss_after_mb} | ${figure.baseline.cpu_ms_per_stream} | - | - |`,
    ]),
    '',
    ...results.concurrency.flatMap((figure) => (figure.by_round ? [roundsLine(figure), ''] : [])),
    'Database commands during each API run (the median of its rounds where there were several), by command: ' +
      results.concurrency
        .map((figure) => `${figure.streams} streams: ${JSON.stringify(figure.api.db_commands)}`)
        .join('; ') +
      '.',
    '',
    '## GET /api/rooms (20 rooms, 32 clients)',
    '',
    '| side | requests/s | p50 / p99 (ms) | failed |',
    '|---|---|---|---|',
    `| API | ${results.rooms_list.api.requests_per_second} | ${fmt(results.rooms_list.api.latency_ms)} | ${results.rooms_list.api.failed} |`,
    `| bare NestJS + raw driver, same query | ${results.rooms_list.baseline.requests_per_second} | ${fmt(results.rooms_list.baseline.latency_ms)} | ${results.rooms_list.baseline.failed} |`,
    '',
    '## Stop',
    '',
    '| path | stop sent to terminal event p50 / p99 (ms) | stop call answered (partial stored) p50 / p99 (ms) |',
    '|---|---|---|',
    `| same instance | ${fmt(results.stop.same_instance.to_terminal_ms)} | ${fmt(results.stop.same_instance.stop_call_ms)} |`,
    `| across instances (Redis pub/sub) | ${fmt(results.stop.across_instances.to_terminal_ms)} | ${fmt(results.stop.across_instances.stop_call_ms)} |`,
    '',
    '## Relay overhead',
    '',
    `A local OpenAI-compatible server stamps each token with the monotonic clock. Through the API a token reaches the client in ${fmt(results.relay.through_api_ms)} ms (p50 / p99); read directly by the same client, in ${fmt(results.relay.direct_ms)} ms. Overhead at p50: ${results.relay.overhead_p50_ms} ms.`,
    '',
    '## Database commands per turn',
    '',
    `One turn at a time, counted by the API's command monitoring (db_query_seconds_count), net of the background jobs (${results.db_commands.background_per_second} commands/s when idle: heartbeat sweep and record clean-up).`,
    '',
    '| turn | round trips (net) | with background | by command |',
    '|---|---|---|---|',
    `| completed | ${results.db_commands.completed.per_turn} | ${results.db_commands.completed.per_turn_with_background} | ${JSON.stringify(results.db_commands.completed.commands)} |`,
    `| stopped | ${results.db_commands.stopped.per_turn} | ${results.db_commands.stopped.per_turn_with_background} | ${JSON.stringify(results.db_commands.stopped.commands)} |`,
    '',
  ];
  const summary = [
    `bench (${results.mode}): ${results.machine.database}, Node.js ${results.machine.node}, ${results.seconds} s`,
    ...results.concurrency.map(
      (figure) =>
        `  ${figure.streams} streams: API ${figure.api.completed} done / ${figure.api.failed} failed, first event p50/p99 ${fmt(figure.api.first_event_ms)} ms (bare ${fmt(figure.baseline.first_event_ms)}), last chunk->terminal ${fmt(figure.api.last_chunk_to_terminal_ms)} ms, loop p99 ${figure.api.event_loop_delay_p99_ms} ms (bare ${figure.baseline.event_loop_delay_p99_ms}), CPU/stream ${figure.api.cpu_ms_per_stream} ms (bare ${figure.baseline.cpu_ms_per_stream}), peak RSS ${figure.api.peak_rss_mb} MB`,
    ),
    ...verdicts.map(
      (check) =>
        `  [${check.met ? 'met' : 'MISSED'}] ${check.figure}: ${check.value} (baseline ${check.baseline}; target ${check.target})`,
    ),
  ].join('\n');
  return { summary, markdown: lines.join('\n'), svg: chart(results) };
}

/** Time to first event (p50 and p99) against concurrency, API and baseline, as an SVG line chart. */
function chart(results: BenchResults): string {
  const width = 640;
  const height = 360;
  const pad = { left: 60, right: 150, top: 30, bottom: 45 };
  const xs = results.concurrency.map((figure) => figure.streams);
  const series = [
    {
      name: 'API p99',
      color: '#c0392b',
      dash: '',
      values: results.concurrency.map((f) => f.api.first_event_ms.p99),
    },
    {
      name: 'API p50',
      color: '#c0392b',
      dash: '6 4',
      values: results.concurrency.map((f) => f.api.first_event_ms.p50),
    },
    {
      name: 'bare p99',
      color: '#2c7fb8',
      dash: '',
      values: results.concurrency.map((f) => f.baseline.first_event_ms.p99),
    },
    {
      name: 'bare p50',
      color: '#2c7fb8',
      dash: '6 4',
      values: results.concurrency.map((f) => f.baseline.first_event_ms.p50),
    },
  ];
  const maxY = Math.max(1, ...series.flatMap((line) => line.values.filter(Number.isFinite))) * 1.1;
  const maxX = Math.max(...xs, 1);
  const x = (value: number) => pad.left + (value / maxX) * (width - pad.left - pad.right);
  const y = (value: number) =>
    height - pad.bottom - (value / maxY) * (height - pad.top - pad.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => Math.round(maxY * share));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${pad.left}" y="18" font-size="14">Time to first event (ms) against concurrent streams</text>`,
    ...ticks.map(
      (tick) =>
        `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/><text x="${pad.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`,
    ),
    ...xs.map(
      (value) =>
        `<text x="${x(value)}" y="${height - pad.bottom + 18}" text-anchor="middle">${value}</text>`,
    ),
    `<text x="${(pad.left + width - pad.right) / 2}" y="${height - 8}" text-anchor="middle">concurrent streams</text>`,
  ];
  series.forEach((line, index) => {
    const points = line.values.map((value, i) => `${x(xs[i])},${y(value)}`).join(' ');
    parts.push(
      `<polyline fill="none" stroke="${line.color}" stroke-width="2" stroke-dasharray="${line.dash}" points="${points}"/>`,
      ...line.values.map(
        (value, i) => `<circle cx="${x(xs[i])}" cy="${y(value)}" r="3" fill="${line.color}"/>`,
      ),
      `<line x1="${width - pad.right + 15}" x2="${width - pad.right + 45}" y1="${pad.top + 20 * index}" y2="${pad.top + 20 * index}" stroke="${line.color}" stroke-width="2" stroke-dasharray="${line.dash}"/>`,
      `<text x="${width - pad.right + 52}" y="${pad.top + 20 * index + 4}">${line.name}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
