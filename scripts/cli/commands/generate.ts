// Placeholder until the generate command lands (see the open issues); replaced by the real implementation.
import { UserError } from '../../lib/problems.ts';
import type { Command } from '../command.ts';

export const command: Command = {
  name: 'generate',
  summary: '',
  help: 'certdocs generate: not available yet',
  async run() {
    throw new UserError('generate is not implemented yet');
  },
};
