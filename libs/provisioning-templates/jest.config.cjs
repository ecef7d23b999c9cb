module.exports = {
  displayName: 'provisioning-templates',
  preset: '../../jest.preset.js',
};
