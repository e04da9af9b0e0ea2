// Placeholder until the diff command lands (see the open issues); replaced by the real implementation.
import { UserError } from '../../lib/problems.ts';
import type { Command } from '../command.ts';

export const command: Command = {
  name: 'diff',
  summary: '',
  help: 'certdocs diff: not available yet',
  async run() {
    throw new UserError('diff is not implemented yet');
  },
};
