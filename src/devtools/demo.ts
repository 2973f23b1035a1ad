import { createInterface } from 'node:readline/promises';
import type { Config } from '../config.js';
import type { CallerAction } from './call-driver.js';
import { DEMO_PEOPLE, type DemoPerson } from './demo-practice.js';
import { createDemoWorld, NoRedisError, type DemoWorld } from './demo-world.js';
import { playScenes } from './scenes.js';

const RULE = '─'.repeat(78);

/**
 * `afterhours demo`: the whole flow on this machine with no Twilio account. Plays six scenes (a night,
 * an evening check-in, the morning after) as a transcript with clock times, or with `--interactive` lets you be the caller or texter while
 * the pager side prints as it happens.
 */
export async function runDemo(options: { config: Config; interactive: boolean; print?: (line: string) => void }): Promise<void> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  let world: DemoWorld;
  try {
    world = await createDemoWorld({ base: options.config, print });
  } catch (error) {
    if (error instanceof NoRedisError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  print(RULE);
  print(`afterhours demo: ${world.config.practiceName}, with a local Twilio stand-in (no account, no internet)`);
  print(`On call tonight: ${DEMO_PEOPLE.ana.name} (primary), ${DEMO_PEOPLE.ben.name} (backup), ${DEMO_PEOPLE.lee.name} (lead).`);
  print(`A page not taken within ${world.config.ackTimeoutSeconds} s moves up the ladder (five minutes in a real practice).`);
  await printConsole(world, print);
  try {
    if (options.interactive) await interactive(world, print);
    else {
      await playScenes(world, (index, intro) => {
        print(RULE);
        print(`Scene ${index + 1}. ${intro}`);
        print('');
      });
      print(RULE);
      const pages = await world.system.pages.list();
      print(`Done: ${pages.length} pages raised, ${pages.filter((p) => p.status === 'acknowledged').length} taken, none lost. All of it is in the console, and in the admin API (/api/pages, /api/contacts).`);
      if (process.stdin.isTTY) {
        await printConsole(world, print);
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        await rl.question('The console stays up until you press Enter. ');
        rl.close();
      }
    }
  } finally {
    await world.close();
  }
}

/** The console's address and a fresh code for Dr. Ruiz, so the console can be watched as the night goes. */
async function printConsole(world: DemoWorld, print: (line: string) => void): Promise<void> {
  const code = await world.signInCode('ana');
  print(`The practice console: ${world.productBaseUrl}/console`);
  print(`  sign in as ${DEMO_PEOPLE.ana.name}: phone ${DEMO_PEOPLE.ana.phone}, code ${code} (works for 5 minutes, once)`);
}

const HELP = `You are a client of the practice. Commands:
  call [tess|rob|sofia|sam|stranger]   call the practice number (default: rob)
  text [who:] message                  text the practice number, e.g.  text sam: hello
  as ana|ben|lee: message              text the practice number from a clinician's phone (pager replies: 1, CALL, PASS; W or N and a code)
  pages                                list the pages and their state
  quit`;

async function interactive(world: DemoWorld, print: (line: string) => void): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const ask = async (prompt: string) => (await rl.question(prompt)).trim();
  print(HELP);
  try {
    for (;;) {
      const line = await ask('\n> ').catch(() => 'quit');
      const [command, ...rest] = line.split(' ');
      const argument = rest.join(' ').trim();
      if (command === 'quit' || command === 'exit') return;
      if (command === 'call') {
        const who = (argument || 'rob') as DemoPerson;
        if (!(who in DEMO_PEOPLE)) print(`nobody called ${who}`);
        else
          await world.call(who, async ({ verb }) => {
            const answer = await ask(verb === 'Gather' ? '  press a key or say something (Enter: silence, "hang up"): ' : '  say your message (Enter: hang up): ');
            if (answer === 'hang up' || (verb === 'Record' && !answer)) return { hangup: true } as CallerAction;
            if (!answer) return { silence: true };
            if (verb === 'Record') return { record: answer };
            return /^[0-9*#]+$/.test(answer) ? { digits: answer } : { speech: answer };
          });
      } else if (command === 'text') {
        const match = /^(\w+):\s*(.*)$/.exec(argument);
        const who = (match && match[1]! in DEMO_PEOPLE ? match[1] : 'rob') as DemoPerson;
        await world.text(who, match && match[1]! in DEMO_PEOPLE ? match[2]! : argument);
      } else if (command === 'as') {
        const match = /^(ana|ben|lee):\s*(.*)$/.exec(argument);
        if (match) await world.text(match[1] as DemoPerson, match[2]!);
        else print('as ana: 1');
      } else if (command === 'pages') {
        for (const page of await world.system.pages.list()) print(`  page ${page.code} ${page.priority} ${page.status}${page.acknowledgedBy ? ` by ${page.acknowledgedBy} (${page.acknowledgedVia})` : ''}: ${page.why}`);
      } else if (command) print(HELP);
    }
  } finally {
    rl.close();
  }
}
