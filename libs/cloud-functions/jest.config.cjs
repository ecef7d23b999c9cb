module.exports = {
  displayName: 'cloud-functions',
  preset: '../../jest.preset.js',
};
