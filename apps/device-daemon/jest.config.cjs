module.exports = {
  displayName: 'device-daemon',
  preset: '../../jest.preset.js',
};
