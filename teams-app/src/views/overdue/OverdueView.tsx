// Placeholder of the skeleton commit: its helper replaces this file.
export default function OverdueView() {
  return null;
}
