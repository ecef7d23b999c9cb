module.exports = {
  displayName: 'provisioning-cli',
  preset: '../../jest.preset.js',
};
