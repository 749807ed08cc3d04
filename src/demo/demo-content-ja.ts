import type { Block, Body, Inline } from '../domain/body.js';
import { paragraph } from '../domain/body.js';

/**
 * The demo newspaper's Japanese edition at /ja/ (issue 13): the same fictional Tokyo daily, in Japanese. Its
 * articles are translations of English demo articles (demo-content.ts), written for the demo in the register of a
 * Japanese newspaper: names of the invented people and companies in kanji, figures as Japanese papers print them.
 * Each keeps its source's section, bylines, tags and illustration, and goes live a little after it.
 *
 * Section addresses in this edition are romanised Japanese (Hepburn, long vowels unmarked): /ja/seiji/,
 * /ja/keizai/… rather than the English slugs, so a reader of the Japanese edition sees its own words in the bar and
 * the address shows that section slugs are the edition's own.
 */

export const DEMO_JA_EDITION = {
  language: 'ja',
  prefix: '/ja/',
  publicationName: 'デイトライン・ニュース',
  shortName: 'デイトライン',
  tagline: '東京から伝える日本と世界のニュース',
  timeZoneLabel: 'JST',
} as const;

/** A section's name and slug in the Japanese edition; `section` is its English slug path ("politics/diplomacy"). */
export interface DemoSectionName {
  section: string;
  name: string;
  slug: string;
}

export const DEMO_JA_SECTION_NAMES: DemoSectionName[] = [
  { section: 'politics', name: '政治', slug: 'seiji' },
  { section: 'politics/defense-security', name: '防衛・安全保障', slug: 'boei' },
  { section: 'politics/diplomacy', name: '外交', slug: 'gaiko' },
  { section: 'business', name: '経済', slug: 'keizai' },
  { section: 'society', name: '社会', slug: 'shakai' },
  { section: 'science-nature', name: '科学・環境', slug: 'kagaku' },
  { section: 'sports', name: 'スポーツ', slug: 'supotsu' },
  { section: 'culture', name: '文化', slug: 'bunka' },
  { section: 'world', name: '国際', slug: 'kokusai' },
];

/** A translation of an English demo article: its own words; everything else comes from the source. */
export interface DemoTranslation {
  /** The English article's key (DemoArticle.key). */
  of: string;
  /** Goes live this many hours after its source, or after the source's update where it has one. */
  hoursAfterSource: number;
  headline: string;
  standfirst: string;
  /** The source's illustration, described in Japanese. */
  photo?: { caption: string; alt: string };
  body: Body;
}

const t = (text: string): Inline => ({ text });
const em = (text: string): Inline => ({ text, marks: [{ type: 'em' }] });
const strong = (text: string): Inline => ({ text, marks: [{ type: 'strong' }] });
const rich = (...content: Inline[]): Block => ({ type: 'paragraph', content });
const paras = (...texts: string[]): Block[] => texts.map(paragraph);

export const DEMO_JA_ARTICLES: DemoTranslation[] = [
  {
    of: 'defense-ministry-joint-unit-southwestern-islands',
    hoursAfterSource: 1,
    headline: '防衛省、南西諸島周辺の海と空を一元監視する統合部隊を新設へ',
    standfirst:
      '陸海空の隊員を一つの指揮下に置き、南西諸島周辺の艦船や航空機の動きを追跡する。政府関係者が明らかにした。',
    photo: {
      caption: '南西諸島の港に並ぶ巡視船と貨物船。',
      alt: '岸壁にクレーンが立ち、穏やかな海にコンテナ船が浮かぶ港のイラスト。',
    },
    body: paras(
      '防衛省は来年度、南西諸島周辺の艦船や航空機の動きを一つの司令部で監視する統合部隊を新設する方針を固めた。政府関係者が明らかにした。部隊は約700人規模を見込み、陸上・海上・航空の各自衛隊から人員を集める。関連経費は8月末の概算要求に盛り込む考えだ。',
      '関係者によると、各自衛隊がそれぞれのレーダーと報告系統で動向を追う現在の態勢では、情報の空白が生じやすい。航空自衛隊のレーダーサイトがつかんだ情報が、同じ海域にいる護衛艦に届くまでに複数の部署を経ることもあるという。防衛省幹部は、新たな態勢によって指揮官が「三つの図ではなく、一つの図を見て判断できるようになる」と話す。',
      '司令部は沖縄本島の既存の基地に置き、周辺の離島には小規模な分遣隊を配置する。関係者によれば、同省は移動式のレーダー車両や長時間飛行できる無人機を分遣隊に追加配備することも検討している。最終的な配置先は、地元自治体との協議を経て決める。',
      '神代哲夫防衛相は火曜日の記者会見で、南西諸島周辺の安全保障環境について「速さと規模の両面で変わった」と述べた。具体的な数字への言及は避けたが、住民に丁寧に説明していく考えを示し、「住民の理解こそが、あらゆる配備の土台だ」と語った。',
      '同省のデータによると、この1年間に同地域で戦闘機が緊急発進（スクランブル）した回数は増えている。周辺海域で外国の調査船や艦艇が確認される頻度も高まっているという。同省は説明の中で、特定の国の名前は挙げなかった。',
      '一方で、部隊の存在感が増すことへの不安を口にする地元の首長もいる。ある離島の町長は、新たな施設をつくる前に明確な避難計画を示してほしいというのが住民の声だとして、「防衛に反対しているわけではない。ただ、有事に家族がどうなるのかを知っておく必要がある」との談話を出した。',
      '与党は計画を支持する見通しだが、若い志願者が減るなかで人員をどう確保するのかと疑問を投げかける議員もいる。自衛官の採用は近年、目標に届いていない。同省は、予備自衛官や文民の分析官も活用するとしている。',
      '政府は2027年度末までの本格運用を目指す。周辺で活動する同盟国の部隊との情報共有も強める方針だ。正式には、年内に予定される概算要求の閣議了解の際に決まる見通しだ。',
    ),
  },
  {
    of: 'cabinet-approval-slips-poll-prices',
    hoursAfterSource: 2,
    headline: '内閣支持率34%に下落、物価高への不満広がる　本紙世論調査',
    standfirst: 'デイトライン・ニュースの全国世論調査で、内閣支持率は前月から4ポイント下がり、過去最低となった。',
    photo: {
      caption: '内閣支持率は月例調査で3回続けて下がった。',
      alt: '棒グラフ、折れ線グラフ、ドーナツグラフを載せたダッシュボードのカードのイラスト。',
    },
    body: [
      paragraph(
        'デイトライン・ニュースが実施した最新の全国世論調査で、内閣支持率は34%となり、前月から4ポイント下がった。政権発足以来、最も低い。不支持率は51%に上がった。',
      ),
      paragraph(
        '内閣を支持しない理由では「経済政策に期待できない」が最も多かった。この2年ほど賃金の伸びを上回るペースで値上がりしてきた食料品やエネルギーの価格を挙げる人が目立った。',
      ),
      paragraph('政府が優先して取り組むべき課題を複数回答で尋ねた結果は、次の通り。'),
      {
        type: 'list',
        ordered: false,
        items: [
          '物価・生活費：62%',
          '年金・社会保障：48%',
          '子育て・少子化対策：35%',
          '外交・安全保障：27%',
          '防災：19%',
        ].map((item) => [t(item)]),
      },
      rich(
        t('政党支持率は与党第1党が29%、野党第1党が9%だった。支持する政党はないと答えた人は'),
        strong('41%'),
        t('で、今年に入って最も高い割合となった。'),
      ),
      rich(
        t('与党のベテラン議員の一人は、結果を'),
        em('「無視できない警告だ」'),
        t('と受け止め、夏までに経済対策を前倒しでまとめるよう政府に求めた。'),
      ),
      paragraph('調査は週末、全国の18歳以上の有権者を対象に電話とインターネットで行った。有効回答は1126人。'),
    ],
  },
  {
    of: 'kanade-semiconductor-hokkaido-wafer-plant',
    hoursAfterSource: 1.5,
    headline: '奏半導体、北海道・苫小牧に4800億円でウエハー新工場',
    standfirst: '2028年からパワー半導体を生産し、約1200人を雇用する見込み。',
    photo: {
      caption: '奏半導体は九州の既存工場から技術者を異動させる計画だ。',
      alt: '実験台にフラスコや試験管が並び、壁に分子の図が貼られた研究室のイラスト。',
    },
    body: paras(
      '奏半導体は木曜日、北海道苫小牧市に4800億円を投じて半導体ウエハーの新工場を建設すると発表した。道内の民間製造業の投資としては、ここ数十年で最大級となる。',
      '新工場は2028年に稼働する予定で、電気自動車や鉄道システム、再生可能エネルギー設備に使われるパワー半導体を生産する。九州の既存工場から異動する技術者を含め、約1200人を雇用する見込みだ。',
      '天城和弘社長は札幌市で記者会見し、「北海道にはクリーンな電力と土地と水があり、地元で働き続けたいという人たちがいる」と述べた。沿岸部で風力発電を増やす計画があることも、立地を決めた理由の一つだと説明した。',
      '関係者によると、政府は国内の半導体供給力を高めるための補助金で、費用の最大3分の1を負担する見通しだ。経済産業省は金額についてのコメントを控えた。',
      '地元は発表を歓迎する一方、住宅や水の使用をめぐる懸念も抱える。市は同社と合同の対策チームを設け、建設作業員の交通や宿泊の問題に取り組む。',
      '発表を受けて、東京市場で奏半導体の株価は6.2%上昇した。',
    ),
  },
  {
    of: 'tokyo-stocks-close-higher-weak-yen-exporters',
    hoursAfterSource: 1,
    headline: '東京株が上昇、円安で輸出株と半導体株に買い',
    standfirst: '自動車株が相場をけん引した。小売株は、輸入コストの増加で利益が圧迫されるとの懸念から売られた。',
    photo: {
      caption: '値上がり銘柄数は値下がり銘柄数のおよそ2倍だった。',
      alt: '淡い色の背景の前に、金融チャートを描いた白いカードが並ぶイラスト。',
    },
    body: paras(
      '木曜日の東京株式市場は上昇して取引を終えた。円安を追い風に自動車などの輸出関連株が買われ、海外市場の上昇を受けて半導体関連株も値上がりが続いた。',
      '代表的な株価指数は1.1%上昇した。主要市場では値上がり銘柄数が値下がり銘柄数のおよそ2倍に達した。売買高は最近の平均をやや上回った。',
      '午後の外国為替市場では、ドルが1ドル＝150円台後半で取引された。日米の金利差がしばらく続くとの見方が広がった。円安になると、海外で得た利益を円に換算した額が膨らむ。',
      '個別銘柄では、北海道での大型投資を発表した奏半導体が急伸した一方、一部の小売株は下落した。東京の証券会社のストラテジストは「市場は海外で稼ぐ企業を買い、海外から仕入れる企業を売っている」と話した。',
    ),
  },
  {
    of: 'tokyo-schools-shorten-classes-heat-wave',
    hoursAfterSource: 0.5,
    headline: '首都圏の学校、午後の授業を短縮　早くも猛暑',
    standfirst: '都内の一部で3日連続の35度超え。児童・生徒は最も暑い時間帯の前に下校した。',
    photo: {
      caption: '都内の一部では3日連続で35度を超えた。',
      alt: 'かすんだ空の下、高層ビル群が川面に映るイラスト。',
    },
    body: paras(
      '東京都内の一部で月曜日、気温が3日続けて35度を超えた。各地の教育委員会によると、首都圏のいくつかの自治体が公立の小中学校に対し、授業を早めに切り上げるよう指示した。',
      '児童・生徒は午後の最も暑い時間帯になる前に下校し、屋外での部活動は中止になった。体育の授業を屋内に移したり、熱中症の予防を学ぶ授業に切り替えたりした学校もあった。',
      '気象当局は東日本の広い範囲に熱中症警戒アラートを出し、冷房を使うこと、こまめに水分をとること、近所の高齢者に声をかけることを呼びかけた。',
      '都内の救急隊によると、土曜日以降、熱中症の疑いで数十人が病院に運ばれた。大半は高齢者だったが、週末の部活動中に体調を崩した生徒も数人いた。',
      '教育関係者は、短縮授業を続けるかどうかを日ごとに判断するとしている。ある区の担当者は「子どもの健康を危険にさらすくらいなら、数学の授業が1時間減るほうがいい」と話した。',
    ),
  },
  {
    of: 'deep-sea-microbe-breaks-down-plastic',
    hoursAfterSource: 2,
    headline: '深海の細菌、ペットボトルのプラスチックをゆっくり分解　伊豆諸島沖で発見',
    standfirst: '伊豆諸島沖の海底の泥から見つかった細菌が、実験室で2か月かけてPETフィルムの一部を分解した。',
    photo: {
      caption: '研究チームは、深海に近い温度に保った薄いプラスチックフィルムで細菌を試した。',
      alt: '実験台の上に、色のついた液体が入ったガラス器具が並ぶイラスト。',
    },
    body: [
      paragraph(
        '日本の海洋研究チームは、伊豆諸島沖の海底付近にすむ細菌が、飲料ボトルに使われるプラスチックのポリエチレンテレフタレート（PET）をゆっくりと分解できることを突き止めた。今週発表した論文で明らかにした。',
      ),
      rich(
        t('研究チームが'),
        em('Abyssobacter lentus'),
        t(
          'と名付けたこの細菌は、神奈川県横須賀市にある公的研究機関「海洋フロンティア研究所」の調査船が、水深約2800メートルで採取した堆積物から見つかった。',
        ),
      ),
      { type: 'heading', level: 2, content: [t('遅くても、着実に')] },
      paragraph(
        '実験では、深海に近い温度の下で、細菌の集団が薄いプラスチックフィルムの重さを60日間で約9%減らした。産業用のリサイクルに比べればはるかに遅いが、研究チームは、関わる酵素の働きが解明されれば効率を高められる可能性があるとしている。',
      ),
      {
        type: 'quote',
        content: [
          t(
            'あれほど冷たく暗い場所に、プラスチックを好む生き物がいるとは思っていませんでした。深海の生命は、私たちが残していくものにすでに適応し始めているのかもしれません。',
          ),
        ],
        cite: '筆頭著者の長友里佳さん（海洋フロンティア研究所）',
      },
      paragraph(
        '一方、今回の発見を海洋汚染の解決策とみなすことには慎重な声もある。研究に加わっていない京都の大学の生化学者は「海の底でごくわずかずつプラスチックを食べる微生物が、海面のごみを片付けてくれるわけではない。ただ、その酵素は役に立つ道具になりうる」と話した。',
      ),
      paragraph(
        '研究チームは今後、この細菌の全ゲノムを解読し、酵素が室温でも働き続けるかどうかを調べる。研究所は、堆積物を採取した潜航の様子を収めた短い動画を公開した。',
      ),
      {
        type: 'embed',
        url: 'https://example.com/video/deep-sea-sampling-dive',
        title: '伊豆諸島沖での試料採取の潜航（海洋フロンティア研究所）',
      },
    ],
  },
  {
    of: 'typhoon-landfall-northern-philippines-evacuations',
    hoursAfterSource: 0.5,
    headline: '台風がフィリピン北部に上陸、6万人超が避難',
    standfirst: '最大で時速180キロの暴風により複数の州で停電が起き、土砂崩れで山あいの道路が寸断された。',
    photo: {
      caption: '北部沿岸の港は、数メートルの高波のため閉鎖された。',
      alt: '淡い色の空の下、ガントリークレーンと貨物船が並ぶ港のイラスト。',
    },
    body: paras(
      '強い台風が金曜日未明、フィリピン・ルソン島の北端に上陸した。現地の防災当局によると、激しい雨と最大で時速180キロに達する暴風をもたらし、6万人を超える住民が自宅から避難した。',
      '複数の州で停電が発生し、農村部と沿岸部を結ぶ山あいの道路は土砂崩れで寸断された。当局はフェリーの運航を見合わせ、数メートルの高波が押し寄せた北部沿岸の港を閉鎖した。',
      'これまでに死者の情報は入っていないが、一部の離れた村とは連絡が取れなくなっているという。救助隊は、風が弱まるのを待って現地に向かう。',
      '台風は週末にかけて南シナ海を北西に進み、やや勢力を弱める見通し。日本の気象関係者によると、沖縄への直接の影響はない見込みだが、先島諸島の周辺では高波に注意が必要だとしている。',
      '在マニラ日本大使館は、被災地にいる日本人の安否確認を進めており、今のところけが人の報告はないとしている。',
      '金曜日遅く、フィリピン政府は北部の3州に「災害事態」を宣言した。これにより、地方自治体は緊急の資金を支出し、生活必需品の価格を統制できるようになる。',
    ),
  },
];
