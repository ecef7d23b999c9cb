module.exports = {
  displayName: 'local-cloud-app',
  preset: '../../jest.preset.js',
};
