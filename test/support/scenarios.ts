// Scenario files that must fail to load: the loader's positioned message, and a failure if it loads.
import { expect } from 'vitest';
import { ScenarioError, parseScenario } from '../../scenarios/load.js';

/** The message `parseScenario` refuses `text` with (as file `file`); the test fails if it loads. */
export function scenarioLoadError(file: string, text: string): string {
  try {
    parseScenario(file, text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('no error');
}
