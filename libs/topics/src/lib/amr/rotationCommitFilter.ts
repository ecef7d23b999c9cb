import { rotationCommitTopic } from './rotationCommitTopic.js';

/**
 * Filter matching every robot's rotation commit, `amr/+/cert/commit`: what the backend's rule
 * (AWS IoT rule SQL `FROM 'amr/+/cert/commit'`) and the local cloud's rules listen on.
 */
export function rotationCommitFilter(): string {
  // Built from the topic builder so the layout is defined once; `_` stands for any thing name.
  return rotationCommitTopic('_').replace(/^amr\/_\//, 'amr/+/');
}
