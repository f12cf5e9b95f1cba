import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The example gateway-state's partner API key takes its value from this variable (as `npm start` sets one); never printed.
    env: { SHOP_PARTNER_API_KEY: 'ExampleShopPartnerKey000000000001' },
  },
});
