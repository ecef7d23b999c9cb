module.exports = {
  displayName: 'fleet-setup',
  preset: '../../jest.preset.js',
};
