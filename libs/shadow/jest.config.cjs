module.exports = {
  displayName: 'shadow',
  preset: '../../jest.preset.js',
};
