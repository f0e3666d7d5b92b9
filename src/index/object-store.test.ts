import { describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { lanceStorageOptions, s3Location, s3SettingsFromEnv } from './object-store.js';

describe('object store settings', () => {
  it.each([
    ['s3://team-index/sift', { bucket: 'team-index', prefix: 'sift' }],
    ['s3://team-index/a/b/', { bucket: 'team-index', prefix: 'a/b' }],
    ['s3://team-index', { bucket: 'team-index', prefix: '' }],
    ['/home/me/index', undefined],
    ['gs://bucket/x', undefined],
  ])('%s', (uri, expected) => {
    expect(s3Location(uri)).toEqual(expected);
  });

  it('reads the AWS variables; http endpoints allow plain http, AWS itself gets its regional endpoint', () => {
    const local = s3SettingsFromEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9000/', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' }, 's3://b/p');
    expect(local).toEqual({ endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', accessKeyId: 'k', secretAccessKey: 's', sessionToken: undefined });
    expect(lanceStorageOptions(local)).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      aws_access_key_id: 'k',
      aws_secret_access_key: 's',
      allow_http: 'true',
      virtual_hosted_style_request: 'false',
    });
    const aws = s3SettingsFromEnv({ AWS_DEFAULT_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' }, 's3://b/p');
    expect(aws.endpoint).toBe('https://s3.eu-west-1.amazonaws.com');
    expect(lanceStorageOptions(aws)).toMatchObject({ aws_session_token: 't' });
    expect(lanceStorageOptions(aws)).not.toHaveProperty('allow_http');
  });

  it('says which variables are missing', () => {
    expect(() => s3SettingsFromEnv({ AWS_ACCESS_KEY_ID: 'k' }, 's3://b/p')).toThrow(SiftError);
    expect(() => s3SettingsFromEnv({}, 's3://b/p')).toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set/);
  });
});
