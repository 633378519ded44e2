import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler, registryClaims } from '../../functions/auth/pre-token-generation.js';

describe('registry claims', () => {
  it('give an institution user its institution', () => {
    expect(registryClaims(['institution'], { 'custom:institutionId': 'luh' })).toEqual({
      role: 'institution',
      institutionId: 'luh',
    });
  });

  it('give a coordinator its alliances as a comma list', () => {
    expect(registryClaims(['coordinator'], { 'custom:allianceIds': 'demo, forthem' })).toEqual({
      role: 'coordinator',
      allianceIds: 'demo,forthem',
    });
  });

  it('give an operator the role alone', () => {
    expect(registryClaims(['operator'], { 'custom:institutionId': 'luh' })).toEqual({ role: 'operator' });
  });

  it('take the strongest role of a user in several groups', () => {
    expect(registryClaims(['institution', 'coordinator'], { 'custom:allianceIds': 'demo' })).toMatchObject({
      role: 'coordinator',
    });
  });

  it('refuse a user in no registry group', () => {
    expect(() => registryClaims(['admins'], {})).toThrow(/none of the groups/);
  });

  it('refuse an institution user without an institution id', () => {
    expect(() => registryClaims(['institution'], {})).toThrow(/custom:institutionId/);
  });

  it('refuse an alliance id that is no slug', () => {
    expect(() => registryClaims(['coordinator'], { 'custom:allianceIds': 'demo,Bad Id' })).toThrow(/Bad Id/);
  });
});

describe('pre-token-generation trigger', () => {
  it('puts the claims into both the ID and the access token', async () => {
    const event = {
      version: '2',
      triggerSource: 'TokenGeneration_Authentication',
      region: 'eu-central-1',
      userPoolId: 'pool',
      userName: 'u',
      callerContext: { awsSdkVersion: '3', clientId: 'client' },
      request: {
        userAttributes: { 'custom:institutionId': 'tuwien' },
        groupConfiguration: { groupsToOverride: ['institution'] },
      },
      response: { claimsAndScopeOverrideDetails: {} },
    } as unknown as PreTokenGenerationV2TriggerEvent; // only the fields the trigger reads are filled
    const claims = { role: 'institution', institutionId: 'tuwien' };
    expect((await handler(event)).response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: { claimsToAddOrOverride: claims },
      accessTokenGeneration: { claimsToAddOrOverride: claims },
    });
  });
});
