/** What the banner says, per edition language; an edition in another language gets the English words. */
export interface ConsentWords {
  title: string;
  notice: string;
  gpc: string;
  choose: string;
  acceptAll: string;
  rejectAll: string;
  save: string;
  legend: string;
  necessary: string;
  analytics: string;
  advertising: string;
  policy: string;
  reopen: string;
  reopenRegion: string;
  /** The heading and opening of the list of who receives data (Japan: the external-transmission notice). */
  recipientsTitle: string;
  recipientsIntro: string;
  recipientsNone: string;
  recipientColumns: [string, string, string];
}

const EN: ConsentWords = {
  title: 'Your privacy choices',
  notice:
    'We use cookies this site needs to work. With your permission we also count what is read (analytics) and show ' +
    'advertising that may use cookies of our ad partners. You can change your mind at any time under ' +
    '“Privacy choices” at the foot of every page.',
  gpc:
    'Your browser sends a Global Privacy Control signal, so analytics and advertising stay off whatever you ' +
    'choose here.',
  choose: 'Choose',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  save: 'Save my choices',
  legend: 'What you allow',
  necessary: 'Necessary (always on): keeps the site working, such as your sign-in and these choices.',
  analytics: 'Analytics: counts which stories are read, so we know what readers value.',
  advertising: 'Advertising: shows ads from our partners and measures them; it may use their cookies.',
  policy: 'Privacy policy',
  reopen: 'Privacy choices',
  reopenRegion: 'Privacy',
  recipientsTitle: 'Who receives data from your browser',
  recipientsIntro: 'When you allow it, your browser sends information to these companies:',
  recipientsNone: 'Your browser sends nothing to other companies from this site.',
  recipientColumns: ['Recipient', 'Information sent', 'Purpose'],
};

// Written for the Japanese edition; the part on external transmission follows the 電気通信事業法 rule that a site
// tells its readers what their browser sends to others, to whom and why.
const JA: ConsentWords = {
  title: 'プライバシーの設定',
  notice:
    'このサイトは、動作に欠かせないクッキーを使います。あなたが許可した場合に限り、どの記事が読まれたかの集計' +
    '（アクセス解析）と、広告配信事業者のクッキーを使うことがある広告の表示も行います。選択は、各ページ下部の' +
    '「プライバシーの設定」からいつでも変えられます。',
  gpc:
    'お使いのブラウザーからグローバル・プライバシー・コントロール（GPC）の信号が届いています。このため、' +
    'ここでの選択にかかわらず、アクセス解析と広告はオフのままにします。',
  choose: '項目を選ぶ',
  acceptAll: 'すべて許可',
  rejectAll: 'すべて拒否',
  save: '選択を保存',
  legend: '許可する項目',
  necessary: '必要なもの（常に有効）：ログイン状態やこの設定の保存など、サイトの動作に欠かせないもの。',
  analytics: 'アクセス解析：どの記事が読まれているかを集計し、紙面づくりに役立てます。',
  advertising: '広告：提携する事業者の広告を表示し、その効果を測ります。事業者のクッキーを使うことがあります。',
  policy: 'プライバシーポリシー',
  reopen: 'プライバシーの設定',
  reopenRegion: 'プライバシー',
  recipientsTitle: '外部送信について',
  recipientsIntro:
    '電気通信事業法の外部送信規律に基づき、このサイトの閲覧時にお使いの端末から外部の事業者へ送られる情報と、' +
    'その送信先・利用目的をお知らせします。',
  recipientsNone: '現在、このサイトからお使いの端末の情報を外部の事業者へ送ることはありません。',
  recipientColumns: ['送信先', '送信される情報', '利用目的'],
};

const BY_LANGUAGE: Record<string, ConsentWords> = { en: EN, ja: JA };

/** The words for an edition's language ('ja', 'ja-JP' → Japanese); English for any other. */
export const consentWordsFor = (language: string): ConsentWords =>
  BY_LANGUAGE[language.toLowerCase().split('-')[0]!] ?? EN;
