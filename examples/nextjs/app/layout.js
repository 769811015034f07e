export const metadata = { title: 'cccd-verify · Next.js' };

export default function RootLayout({ children }) {
  return (
    <html lang="vi">
      <body>{children}</body>
    </html>
  );
}
