module.exports = {
  displayName: 'local-cloud',
  preset: '../../jest.preset.js',
};
