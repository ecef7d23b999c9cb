module.exports = {
  displayName: 'provisioning',
  preset: '../../jest.preset.js',
};
