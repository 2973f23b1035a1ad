import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const cli = (args: string[], env: Record<string, string>) =>
  exec(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { PATH: process.env.PATH ?? '', ...env } }).catch((e: { code: number; stdout: string; stderr: string }) => e);

describe('the afterhours command', () => {
  it('when the environment is invalid, then start stops with one clear line per bad variable', async () => {
    const result = await cli(['start'], { PORT: 'eighty', ACK_TIMEOUT_SECONDS: '0', PRACTICE_TIMEZONE: 'Nowhere/Land' });
    expect(result).toMatchObject({ code: 1 });
    const lines = (result as { stderr: string }).stderr.trim().split('\n');
    expect(lines[0]).toBe('afterhours cannot start: the environment is invalid');
    expect(lines.slice(1).map((l) => l.trim().split(':')[0]).sort()).toEqual(['ACK_TIMEOUT_SECONDS', 'PORT', 'PRACTICE_TIMEZONE']);
  });

  it('when web or worker is started without a Twilio account, then it says what is missing instead of running', async () => {
    const result = await cli(['worker'], {});
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toContain('need a Twilio account');
  });

  it('when start is run without a Twilio account, then it refuses and says to run the demo', async () => {
    const result = await cli(['start'], {});
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toContain('need a Twilio account');
    expect((result as { stderr: string }).stderr).toContain('npm run demo');
  });

  it('when the command is unknown, then the usage is printed', async () => {
    const result = await cli(['frobnicate'], {});
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toContain('usage: afterhours <command>');
  });
});
