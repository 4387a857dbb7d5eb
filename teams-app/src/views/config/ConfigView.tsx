// Placeholder of the skeleton commit: its helper replaces this file.
export default function ConfigView() {
  return null;
}
