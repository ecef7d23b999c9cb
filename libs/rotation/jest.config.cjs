module.exports = {
  displayName: 'rotation',
  preset: '../../jest.preset.js',
};
