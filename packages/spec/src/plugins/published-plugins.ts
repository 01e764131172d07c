import type { PluginKind } from './plugin-packages.js';

/** One plugin package the Lateral project publishes, as data. */
export interface PublishedPlugin {
  readonly kind: PluginKind;
  /** The id in the package name (`@lateral/provider-<id>`). */
  readonly id: string;
  /** Other ids the package answers to, so a statement naming one finds the package before it is loaded. */
  readonly aliases?: readonly string[];
  /** False for providers that run without a connection (their id is no connection type). */
  readonly usesConnection?: boolean;
}

/**
 * The plugin packages Lateral publishes. The kernel loads any package by the naming rule, so a
 * new plugin needs no entry here to work; this list only lets a message tell "not installed: add
 * @lateral/provider-x" from "no such provider", and declares the aliases a package answers to.
 * The kernel itself names no provider: everything it knows about one is here or in the package.
 */
export const PUBLISHED_PLUGINS: readonly PublishedPlugin[] = [
  { kind: 'provider', id: 'anthropic' },
  { kind: 'provider', id: 'azureml' },
  { kind: 'provider', id: 'azureopenai' },
  { kind: 'provider', id: 'bedrock' },
  { kind: 'provider', id: 'fireworksai' },
  { kind: 'provider', id: 'googleai' },
  { kind: 'provider', id: 'local', aliases: ['confluent'], usesConnection: false },
  { kind: 'provider', id: 'openai' },
  { kind: 'provider', id: 'sagemaker' },
  { kind: 'provider', id: 'vertexai' },
];

/**
 * Every provider id the dialect documents (reference §5.3), whether or not a package serves it, so
 * an option key with a foreign provider prefix is named precisely. A fact of the dialect, not of
 * any plugin.
 */
export const DIALECT_PROVIDER_IDS: readonly string[] = [
  'openai',
  'azureopenai',
  'azureml',
  'bedrock',
  'sagemaker',
  'googleai',
  'vertexai',
  'anthropic',
  'fireworksai',
  'confluent',
  'local',
];
