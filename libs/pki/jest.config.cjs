module.exports = {
  displayName: 'pki',
  preset: '../../jest.preset.js',
};
