"""Build the labelled copyright-marker eval set (deterministic): ``quality/eval/data/copyright_eval.jsonl``.

Over 500 lines on purpose: most of it is the synthetic documents themselves (data, not logic), kept in one
file so the dev and holdout splits can be read side by side. Not in the wheel (quality/eval is excluded).

Documents are realistic Chinese and English bodies (news, blog, forum, code, web page head, robots.txt,
dataset card) with markers inserted as page furniture would carry them (footers, headers, bylines), plus
hard negatives: sentences that discuss copyright, licences, MIT the university, list items "(c)", AI
training debates. Gold spans are written inline as ``{{class:text}}`` or ``{{class=SPDX:text}}`` and
stripped to character offsets here, so the offsets are exact by construction.

Two splits. ``dev`` (POS/NEG) is what the scanner's rules were tuned on, so its scores are optimistic.
``holdout`` (POS_HOLDOUT/NEG_HOLDOUT) was written after tuning and scored once before any further change:
copyright_notice P 1.00 / R 1.00 (20 spans), licence P 1.00 / R 0.79 (28), no_reprint P 1.00 / R 0.60 (10),
attribution_required R 0.00 (2), opt_out P 1.00 / R 0.67 (12), no finding on its 44 negative documents.
The misses were then fixed, so today's holdout scores are no longer an unbiased estimate either; a new
holdout should be written before the next accuracy claim.

Run: ``python -m corpusgov.quality.eval.build_copyright_eval`` (seeded; rerunning gives the same bytes).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from corpusgov.quality.eval.jsonl import write_jsonl

OUT = Path(__file__).parent / "data" / "copyright_eval.jsonl"
SEED = 20240815

CLASS = {
    "N": "copyright_notice",
    "R": "rights_reserved",
    "X": "no_reprint",
    "A": "attribution_required",
    "L": "licence",
    "O": "opt_out",
}

ORGS = [
    "Northwind Media Ltd",
    "Acme Publishing Inc.",
    "Blue Harbor Press",
    "Greenfield Analytics LLC",
    "The Daily Ledger",
    "Orbital Labs GmbH",
]
ORGS_ZH = [
    "北京星河文化传媒有限公司",
    "上海蓝海科技有限公司",
    "南方日报社",
    "杭州云帆网络科技有限公司",
    "清风文学网",
    "成都数智信息技术有限公司",
]
AUTHORS = ["Jane Doe", "A. Rivera", "Sam Okafor", "Li Wei", "Maria Rossi"]
AUTHORS_ZH = ["张晓明", "作者", "博主", "小鹿", "王编辑"]
YEARS = ["1998", "2009", "2015", "2019", "2021", "2023", "2024"]

FILLER_EN = [
    "City officials announced on Tuesday that the new light-rail line will open in the spring, two years later "
    "than planned. The delay was blamed on supply problems and a dispute over the route through the old market.",
    "To make the sauce, melt the butter over low heat, whisk in the flour and cook for two minutes before adding "
    "the warm milk a little at a time. Season with salt, pepper and a pinch of nutmeg.",
    "In this post I walk through how we cut our build times in half by caching dependencies and splitting the "
    "test suite into shards that run in parallel on the CI machines.",
    "The survey of 2,400 households found that average spending on groceries rose by 6 percent last year, while "
    "spending on eating out fell slightly in most regions.",
    "Our hiking route starts at the visitor centre, climbs through pine forest to the ridge and returns along "
    "the lake shore. Allow about five hours and bring plenty of water.",
    "The model was evaluated on three benchmarks. Results show consistent gains on long documents, although "
    "performance on short queries was unchanged.",
    "Thanks everyone for the replies. I tried reinstalling the driver and rolling back the update, and the "
    "laptop finally recognises the second monitor again.",
]
FILLER_ZH = [
    "本市今年将新建和改造公园绿地三十余处，重点解决老城区居民休闲空间不足的问题。相关工程预计于年底前陆续完工。",
    "做红烧肉时，先将五花肉切块焯水，再用小火炒出糖色，加入生抽、老抽和少许黄酒，焖煮一个小时左右即可出锅。",
    "这篇文章记录了我们把服务从单体架构迁移到微服务的过程，包括拆分边界的选择、数据迁移以及灰度发布的经验。",
    "调查显示，超过六成受访者每天使用手机阅读新闻，其中年轻人更偏好短视频和图文结合的内容形式。",
    "周末我们去了郊外的古镇，街道两旁都是明清时期的老房子，小吃种类很多，傍晚的河边尤其安静。",
    "实验结果表明，该方法在长文本任务上的表现明显优于基线模型，但在短文本分类任务上提升有限。",
    "谢谢大家的回复，我按照楼上的方法重新安装了驱动，现在打印机终于可以正常工作了。",
]

# Positive snippets: (lang, template). Placeholders are filled from the lists above.
POS: list[tuple[str, str]] = [
    # --- copyright notices / rights reserved (en)
    ("en", "{{N:© {YEAR} {ORG}}}. {{R:All rights reserved}}."),
    ("en", "{{N:Copyright © {YEAR} {ORG}}}"),
    ("en", "{{N:Copyright (c) {YEAR}-{YEAR2} {AUTHOR}}}"),
    ("en", "{{N:(C) {YEAR} {ORG}}}"),
    ("en", "{{N:Copyright {YEAR} {ORG}}}. {{R:All Rights Reserved}}."),
    ("en", "<footer><p>{{N:&copy; {YEAR} {ORG}}} | Privacy | Terms</p></footer>"),
    ("en", "{{N:©{YEAR} {ORG}}}"),
    ("en", "Photo: {AUTHOR} / {{N:© {ORG}}}"),
    ("en", "{{N:COPYRIGHT {YEAR} {ORG}}}. {{R:ALL RIGHTS RESERVED}}."),
    ("en", "{{N:Copyright {ORG} {YEAR}}}"),
    ("en", "{{N:Copyright © {YEAR}, {AUTHOR}}}. {{R:All rights reserved worldwide}}."),
    ("en", "Text {{N:copyright (c) {YEAR} {AUTHOR}}}"),
    ("en", "{{R:All rights reserved}}. Reproduced by kind permission of the author."),
    # --- copyright notices / rights reserved (zh)
    ("zh", "{{N:版权所有 © {YEAR} {ORG_ZH}}}"),
    ("zh", "{{N:版权所有：{ORG_ZH}}}"),
    ("zh", "{{N:Copyright © {YEAR} {ORG_ZH}}} {{N:版权所有}}"),
    ("zh", "{{N:{ORG_ZH} 版权所有}}"),
    ("zh", "{{N:本文著作权归作者所有}}。"),
    ("zh", "文章来源于网络，{{N:版权归原作者所有}}，如有侵权请联系删除。"),
    ("zh", "{{N:版權所有 © {YEAR} {ORG_ZH}}}"),
    ("zh", "{{N:版权所有}}，{{R:翻印必究}}"),
    ("zh", "{{N:版权所有}}，{{R:侵权必究}}"),
    ("zh", "{{N:©{YEAR} {ORG_ZH} 版权所有}}"),
    ("zh", "{{N:著作权归{AUTHOR_ZH}所有}}。"),
    ("zh", "本站所有文章{{N:版权归本站所有}}。"),
    ("zh", "{{N:版权声明：}}本文为{AUTHOR_ZH}原创文章，{{X:未经{AUTHOR_ZH}允许不得转载}}。"),
    ("zh", "{{N:版权所有 (C) {YEAR} {ORG_ZH}}}，{{R:保留所有权利}}。"),
    ("zh", "{{R:保留一切权利}}。"),
    # --- no reprint (zh)
    ("zh", "{{X:未经许可，不得转载}}。"),
    ("zh", "本文为{AUTHOR_ZH}原创，{{X:未经授权禁止转载}}。"),
    ("zh", "{{X:未经本网授权，不得转载、摘编或利用其它方式使用上述作品}}。"),
    ("zh", "{{X:严禁转载}}，违者追究法律责任。"),
    ("zh", "【{{X:禁止转载}}】"),
    ("zh", "原创文章，{{X:谢绝转载}}。"),
    ("zh", "{{X:未经作者书面许可，任何单位和个人不得转载}}。"),
    ("zh", "素材仅供个人学习，{{X:禁止商用}}。"),
    ("zh", "{{X:如需转载请与本站联系}}。"),
    ("zh", "{{X:本文禁止转载或摘编}}。"),
    ("zh", "{{X:未经本人同意，请勿转载}}。"),
    ("zh", "{{X:請勿轉載}}，謝謝。"),
    ("zh", "图片来源网络，仅供学习交流，{{X:不得用于商业用途}}。"),
    # --- no reprint (en)
    (
        "en",
        "{{X:No part of this publication may be reproduced}}, stored in a retrieval system, or transmitted in "
        "any form or by any means without the prior written permission of the publisher.",
    ),
    (
        "en",
        "{{X:This material may not be published, broadcast, rewritten or redistributed without permission}}.",
    ),
    ("en", "{{X:Reproduction in whole or in part without written permission is strictly prohibited}}."),
    ("en", "Please {{X:do not repost}} my photos anywhere."),
    ("en", "Preview copy. {{X:Not for redistribution}}."),
    (
        "en",
        "{{X:Republication or redistribution of {ORG} content, including by framing or similar means, is "
        "expressly prohibited}} without the prior written consent of {ORG}.",
    ),
    # --- attribution required
    ("zh", "{{A:转载请注明出处}}，谢谢！"),
    ("zh", "{{N:著作权归作者所有}}。{{X:商业转载请联系作者获得授权}}，{{A:非商业转载请注明出处}}。"),
    ("zh", "{{A:转载请注明来源及作者}}。"),
    ("zh", "{{A:如需转载，请注明出处}}。"),
    ("zh", "{{A:转载请保留本文链接}}。"),
    ("en", "{{A:If you repost this, please credit the author}} and link back to the original."),
    ("en", "{{A:Please credit {AUTHOR} when sharing}} these images."),
    # --- licences (en)
    (
        "en",
        "This work is licensed under a {{L=CC-BY-4.0:Creative Commons Attribution 4.0 International License}}.",
    ),
    ("en", "Images are shared under {{L=CC-BY-NC-SA-4.0:CC BY-NC-SA 4.0}}."),
    ("en", "License: {{L=CC-BY-SA-3.0:CC BY-SA 3.0}}"),
    (
        "en",
        "---\nlanguage:\n- en\nlicense: {{L=CC-BY-4.0:cc-by-4.0}}\ntask_categories:\n- text-generation\n---",
    ),
    ("en", "---\nlicense: {{L=CC-BY-NC-4.0:cc-by-nc-4.0}}\npretty_name: Forum Threads\n---"),
    ("en", "The dataset is dedicated to the public domain under {{L=CC0-1.0:CC0 1.0 Universal}}."),
    (
        "en",
        "Text is available under the {{L=CC-BY-SA-4.0:Creative Commons Attribution-ShareAlike 4.0 License}}; "
        "additional terms may apply.",
    ),
    (
        "en",
        "{{L=CC-BY-NC-ND-4.0:Attribution-NonCommercial-NoDerivatives 4.0 International (CC BY-NC-ND 4.0)}}",
    ),
    ("en", "See https://{{L=CC-BY-NC-4.0:creativecommons.org/licenses/by-nc/4.0/}} for details."),
    (
        "en",
        "{{L=MIT:MIT License}}\n\n{{N:Copyright (c) {YEAR} {AUTHOR}}}\n\n{{L=MIT:Permission is hereby granted, "
        "free of charge, to any person obtaining}} a copy of this software and associated documentation files.",
    ),
    (
        "en",
        "# {{N:Copyright {YEAR} {ORG}}}\n#\n# Licensed under the {{L=Apache-2.0:Apache License, Version 2.0}} "
        '(the "License");\n# you may not use this file except in compliance with the License.',
    ),
    (
        "en",
        "# This program is free software: you can redistribute it and/or modify it under the terms of the "
        "{{L=GPL-3.0-or-later:GNU General Public License as published by the Free Software Foundation, either "
        "version 3 of the License, or (at your option) any later version}}.",
    ),
    (
        "en",
        "This library is free software; you can redistribute it under the terms of the {{L=LGPL-2.1-or-later:GNU "
        "Lesser General Public License as published by the Free Software Foundation; either version 2.1 of the "
        "License, or (at your option) any later version}}.",
    ),
    ("en", "License: {{L=AGPL-3.0-only:AGPL-3.0}}"),
    ("en", "Released under the {{L=GPL-2.0-only:GPLv2}}."),
    ("en", "{{L=BSD-3-Clause:BSD 3-Clause License}}\n\n{{N:Copyright (c) {YEAR}, {ORG}}}"),
    (
        "en",
        "{{L=BSD-3-Clause:Redistribution and use in source and binary forms, with or without modification, are "
        "permitted}} provided that the following conditions are met: ... 3. Neither the name of the copyright "
        "holder nor the names of its contributors may be used to endorse or promote products.",
    ),
    (
        "en",
        "/* {{L=MPL-2.0:This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0}}. */",
    ),
    ("en", "// {{L=MIT:SPDX-License-Identifier: MIT}}"),
    ("en", "# {{L=Apache-2.0 OR MIT:SPDX-License-Identifier: Apache-2.0 OR MIT}}"),
    ("en", "The package is {{L=MIT:MIT-licensed}}."),
    ("en", "This library is {{L=MIT:MIT licensed}}, see LICENSE."),
    ("en", "Distributed under the {{L=ISC:ISC License}}."),
    (
        "en",
        "[![License: {{L=Apache-2.0:Apache-2.0}}](https://img.shields.io/badge/License-Apache_2.0-blue.svg)]",
    ),
    ("en", "Photos by {AUTHOR}, licensed {{L=CC-BY-4.0:CC BY 4.0}}."),
    ("en", "Licensed under the {{L=MPL-2.0:MPL 2.0}}."),
    ("en", "All diagrams are released under {{L=LicenseRef-CC-BY-SA:CC BY-SA}}."),
    ("en", "Code is {{L=BSD-2-Clause:Simplified BSD License}}."),
    ("en", "This project is licensed under the terms of the {{L=MIT:MIT}} license."),
    # --- licences (zh)
    (
        "zh",
        "本作品采用{{L=CC-BY-NC-SA-4.0:知识共享署名-非商业性使用-相同方式共享 4.0 国际许可协议}}进行许可。",
    ),
    ("zh", "本文采用 {{L=CC-BY-4.0:CC BY 4.0}} 许可协议。"),
    (
        "zh",
        "本博客所有文章除特别声明外，均采用 {{L=CC-BY-NC-SA-4.0:CC BY-NC-SA 4.0}} 许可协议。{{A:转载请注明出处}}！",
    ),
    (
        "zh",
        "{{N:版权声明：}}本文为博主原创文章，遵循 {{L=CC-BY-SA-4.0:CC 4.0 BY-SA}} 版权协议，{{A:转载请附上原文出处链接和本声明}}。",
    ),
    ("zh", "本项目采用 {{L=MulanPSL-2.0:木兰宽松许可证, 第2版}}。"),
    ("zh", "{{L=MulanPSL-2.0:Mulan PSL v2}}"),
    ("zh", "本项目基于 {{L=MIT:MIT 协议}}开源。"),
    ("zh", "开源协议：{{L=Apache-2.0:Apache 2.0}}"),
    ("zh", "图片许可：{{L=CC-BY-NC-ND-4.0:署名-非商业性使用-禁止演绎 4.0 国际 (CC BY-NC-ND 4.0)}}"),
    ("zh", "本软件采用 {{L=GPL-3.0-only:GPL-3.0}} 许可证发布。"),
    ("zh", "本站的全部文字在{{L=CC-BY-SA-4.0:知识共享 署名-相同方式共享 4.0}}协议之条款下提供。"),
    ("zh", "本文採用{{L=CC-BY-NC-SA-4.0:創用CC 姓名標示-非商業性-相同方式分享 4.0}} 國際 授權條款授權。"),
    ("zh", "本作品采用{{L=CC-BY-ND-4.0:知识共享署名-禁止演绎 4.0}}国际许可协议进行许可。"),
    ("zh", "数据集以 {{L=CC0-1.0:CC0}} 协议发布。"),
    ("zh", "本项目遵循 {{L=Apache-2.0:Apache License 2.0}} 开源。"),
    # --- opt-out
    (
        "en",
        '<head>\n<meta charset="utf-8">\n<meta name="robots" content="{{O:noai}}, {{O:noimageai}}">\n</head>',
    ),
    ("en", "HTTP/1.1 200 OK\nX-Robots-Tag: {{O:noai}}\nContent-Type: text/html"),
    (
        "en",
        '<meta name="{{O:tdm-reservation" content="1}}">\n<meta name="tdm-policy" content="https://example.org/tdm">',
    ),
    ("en", '{"{{O:tdm-reservation": 1}}, "tdm-policy": "https://example.org/policy.json"}'),
    (
        "en",
        "The publisher {{O:expressly reserves the right to use this work for text and data mining}} within the "
        "meaning of Article 4(3) of Directive (EU) 2019/790.",
    ),
    (
        "en",
        "{{O:This content may not be used for training artificial intelligence}} or machine learning models.",
    ),
    ("en", "{{O:We prohibit the use of our content for AI training}}."),
    ("en", "{{O:NO AI TRAINING}}. Do not scrape."),
    ("en", "{{O:The author does not consent to this work being used to train AI}} systems."),
    (
        "en",
        "User-agent: *\nAllow: /\n\n{{O:User-agent: GPTBot\nDisallow: /}}\n\n{{O:User-agent: CCBot\nDisallow: /}}\n",
    ),
    ("zh", "{{O:禁止用于人工智能训练}}。"),
    ("zh", "{{O:本站内容不得用于AI训练}}。"),
    ("zh", "未经许可，{{O:禁止将本文用于大模型训练}}。"),
    ("zh", "声明：{{O:拒绝AI训练}}。"),
    ("zh", "{{O:严禁将本站任何内容用于人工智能模型的训练}}。"),
]

# Hard negatives: no marker of any class.
NEG: list[tuple[str, str]] = [
    ("en", "Copyright law in the United States protects original works of authorship."),
    ("en", "The copyright of this essay is debated among scholars."),
    ("en", "She studied at MIT before joining the lab."),
    ("en", "Researchers at MIT and Stanford published the results in {YEAR}."),
    ("en", "MIT licensed its patent portfolio to a startup in {YEAR}."),
    ("en", "Answer the following: (a) define the term; (b) give an example; (c) explain why it matters."),
    ("en", "Options (a), (b) and (c) are all correct."),
    ("en", "The © symbol is not required for protection under the Berne Convention."),
    ("en", "The Copyright Act of 1976 extended the term of protection."),
    ("en", "The copyright 1976 act reform was debated for years."),
    ("en", "Open-source licences such as those published by Creative Commons have become popular."),
    ("en", "The debate over whether the GPL is compatible with proprietary software continues."),
    ("en", "FreeBSD is a Unix-like operating system descended from research at Berkeley."),
    ("en", "The Apache HTTP Server powers many websites."),
    ("en", "She renewed her driver's license at the DMV last week."),
    ("en", "The MIT Press published the book in {YEAR}."),
    ("en", "Using data for AI training raises difficult legal questions."),
    ("en", "Critics asked whether books may be used for AI training without consent."),
    ("en", "The TDM exception in Article 4 allows text and data mining unless rights holders opt out."),
    ("en", "Please cc by email anyone who should see the minutes."),
    ("en", "The licensee shall pay the fees within thirty days of the invoice date."),
    ("en", "Permission to use the meeting room is granted to all staff."),
    ("en", "Section 107(c) of the Act lists further factors."),
    ("en", "The band released its first album in {YEAR} under a new label."),
    ("en", "Our model was trained on public data; training took three days on eight GPUs."),
    ("en", "All seats are reserved for members until 7 pm."),
    ("en", "He was a copyright lawyer for twenty years before becoming a judge."),
    ("en", "The novel, first published c. 1850, is now in the public domain."),
    ("en", "Tuition at MIT rose again this year."),
    ("en", "The term 'all rights reserved' no longer has legal effect in most countries."),
    ("zh", "版权保护的重要性日益凸显。"),
    ("zh", "著作权法第十条规定了著作权人享有的各项权利。"),
    ("zh", "这幅画的著作权归谁所有？法院认为应当归属于委托人。"),
    ("zh", "版权所有者有权许可他人使用其作品。"),
    ("zh", "转载是一种常见的网络传播行为，其合法性取决于是否获得授权。"),
    ("zh", "学者们讨论了是否应当禁止转载新闻作品的问题。"),
    ("zh", "麻省理工学院（MIT）的研究人员发表了这篇论文。"),
    ("zh", "我在 MIT 读书时学习了机器学习。"),
    ("zh", "禁止使用未经清洗的数据进行模型训练，以免影响效果。"),
    ("zh", "第 (c) 项为正确答案。"),
    ("zh", "© 符号在中国并不是作品受保护的必要条件。"),
    ("zh", "本文介绍如何为开源项目选择合适的许可证，并比较不同许可证的差异。"),
    ("zh", "出版社保留所有权利的做法在业内很常见。"),
    ("zh", "是否应当禁止将作品用于人工智能训练，学界仍有争议。"),
    ("zh", "知识共享组织成立于 2001 年，总部位于美国。"),
    ("zh", "他把模型训练了三天，损失终于收敛了。"),
    ("zh", "根据著作权法，合理使用不需要权利人许可。"),
    ("zh", "我们公司的 Apache 服务器昨晚宕机了。"),
    ("zh", "这家出版社的版权部负责对外授权业务。"),
    ("zh", "请在报名表中注明出处地和联系方式。"),
]

# Held out: written after the rules were tuned on POS/NEG, measured once (see the eval's per-split table).
POS_HOLDOUT: list[tuple[str, str]] = [
    ("en", "{{N:© Copyright {YEAR} {ORG}}}"),
    ("en", "Site design {{N:© {YEAR}–{YEAR2} {ORG}}}"),
    ("en", "{{N:Copyright © {ORG} {YEAR}}}"),
    ("en", "{{N:Copyright (C) {YEAR} Free Software Foundation, Inc.}}"),
    ("en", "{{N:© {AUTHOR}, {YEAR}}}"),
    ("en", "{{N:Copyright {YEAR}}}"),
    (
        "en",
        "{{R:All rights reserved.}} {{X:No part of this book may be used or reproduced in any manner whatsoever "
        "without written permission}}.",
    ),
    ("en", "{{L=CC-BY-SA-4.0:CC BY-SA 4.0}} unless otherwise noted."),
    ("en", "Content is available under {{L=CC-BY-SA-3.0:CC BY-SA 3.0}} unless otherwise noted."),
    ("en", "Licensed under {{L=CC-BY-NC-4.0:Creative Commons Attribution-NonCommercial 4.0 International}}."),
    ("en", "# {{L=Apache-2.0:SPDX-License-Identifier: Apache-2.0}}"),
    ("en", " * Licensed under the {{L=MIT:MIT license}}."),
    ("en", "You can redistribute it under the {{L=GPL-2.0-only:GNU General Public License version 2}}."),
    ("en", "The bindings are {{L=LGPL-3.0-only:LGPLv3}}."),
    ("en", "License: {{L=BSD-2-Clause:BSD-2-Clause}}"),
    ("en", "Licensed under {{L=Apache-2.0:ASL 2.0}}."),
    ("en", "{{L=Unlicense:This is free and unencumbered software released into the public domain}}."),
    ("en", "{{O:Do not use this content for AI training}}."),
    ("en", "{{O:AI training prohibited}}."),
    ("en", '<meta name="robots" content="index, follow, {{O:noai}}">'),
    ("en", "{{O:User-agent: Google-Extended\nDisallow: /}}\n"),
    ("en", "{{X:Unauthorized reproduction is prohibited}}."),
    ("zh", "{{N:Copyright © {YEAR}-{YEAR2} {ORG_ZH} 版权所有}}"),
    ("zh", "{{N:版权所有 © {ORG_ZH}}}　京ICP备12345678号"),
    ("zh", "{{N:本文版权归{ORG_ZH}所有}}，{{X:未经授权不得转载}}。"),
    ("zh", "{{N:本文著作权归作者和{ORG_ZH}共同所有}}。"),
    ("zh", "{{X:本站原创内容，未经允许禁止转载}}。"),
    ("zh", "{{X:转载须经作者授权}}。"),
    ("zh", "{{A:转载请注明：来自{ORG_ZH}}}"),
    (
        "zh",
        "本作品采用{{L=CC-BY-NC-SA-3.0:知识共享署名-非商业性使用-相同方式共享 3.0 中国大陆许可协议}}进行许可。",
    ),
    ("zh", "本文遵循{{L=CC-BY-4.0:CC-BY 4.0}}协议。"),
    ("zh", "项目许可证：{{L=MulanPSL-2.0:MulanPSL-2.0}}"),
    ("zh", "采用 {{L=BSD-3-Clause:BSD 3-Clause}} 开源许可。"),
    ("zh", "{{O:本账号所有内容禁止用于训练人工智能}}。"),
    ("zh", "{{O:不允许将本作品用于机器学习训练}}。"),
]
NEG_HOLDOUT: list[tuple[str, str]] = [
    ("en", "The lecture covered copyright, trademarks and patents."),
    ("en", "In 2019 the EU adopted a directive on copyright in the digital single market."),
    ("en", "Professor Lee, who taught at MIT for a decade, retired in {YEAR}."),
    ("en", "Step (c): remove the cover and unscrew the filter."),
    ("en", "Please see paragraph (c) 2 of the agreement."),
    ("en", "He reserved a table for two."),
    ("en", "The hotel reserves the right to cancel bookings."),
    ("en", "We use machine learning to train models that detect fraud."),
    ("en", "The GNU project was launched in 1983."),
    ("en", "Apache Kafka is a distributed event streaming platform."),
    ("en", "An MIT study found that false news spreads faster than true news."),
    ("en", "The photographer kept the copyright in all of her images."),
    ("en", "Train tickets are not for resale."),
    ("zh", "知识产权包括著作权、专利权和商标权。"),
    ("zh", "他在麻省理工学院（MIT）攻读博士学位。"),
    ("zh", "该规定未经许可不得擅自修改。"),
    ("zh", "本条款中的 (c) 项已于 2021 年修订。"),
    ("zh", "版权意识的提高有助于文化产业发展。"),
    ("zh", "这篇文章转载自人民日报。"),
    ("zh", "训练营报名已经开始，禁止迟到。"),
    ("zh", "请勿在图书馆内饮食。"),
    ("zh", "保留意见的审计报告需要披露原因。"),
]


def _fill(rng: random.Random, tpl: str) -> str:
    y1, y2 = sorted(rng.sample(YEARS, 2))
    return (
        tpl.replace("{YEAR2}", y2)
        .replace("{YEAR}", y1)
        .replace("{ORG_ZH}", rng.choice(ORGS_ZH))
        .replace("{ORG}", rng.choice(ORGS))
        .replace("{AUTHOR_ZH}", rng.choice(AUTHORS_ZH))
        .replace("{AUTHOR}", rng.choice(AUTHORS))
    )


_MARK = re.compile(r"\{\{([A-Z])(?:=([^:]+))?:(.*?)\}\}", re.S)


def _strip(marked: str) -> tuple[str, list[dict]]:
    out: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        pre = marked[pos : m.start()]
        out.append(pre)
        length += len(pre)
        body = m.group(3)
        span = {"start": length, "end": length + len(body), "class": CLASS[m.group(1)]}
        if m.group(2):
            span["licence"] = m.group(2)
        spans.append(span)
        out.append(body)
        length += len(body)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def _doc(rng: random.Random, lang: str, snippet: str, where: str) -> str:
    filler = FILLER_ZH if lang == "zh" else FILLER_EN
    sep = "" if lang == "zh" else " "
    paras = rng.sample(filler, rng.randint(1, 3))
    if where == "head":
        return snippet + "\n\n" + "\n\n".join(paras)
    if where == "inline":
        return paras[0] + sep + snippet + ("\n\n" + "\n\n".join(paras[1:]) if len(paras) > 1 else "")
    return "\n\n".join(paras) + "\n\n" + snippet


def build() -> list[dict]:
    rng = random.Random(SEED)
    docs: list[dict] = []
    n = 0
    for kind, split, items, reps in (
        ("positive", "dev", POS, 2),
        ("negative", "dev", NEG, 2),
        ("positive", "holdout", POS_HOLDOUT, 2),
        ("negative", "holdout", NEG_HOLDOUT, 2),
    ):
        for i, (lang, tpl) in enumerate(items):
            for r in range(reps):
                where = ("tail", "head", "inline")[(i + r) % 3]
                marked = _doc(rng, lang, _fill(rng, tpl), where)
                text, spans = _strip(marked)
                for s in spans:
                    assert "{{" not in text[s["start"] : s["end"]]
                docs.append(
                    {
                        "id": f"cr{n:04d}",
                        "lang": lang,
                        "kind": kind,
                        "split": split,
                        "template": f"{split}:{kind}:{i}",
                        "text": text,
                        "spans": spans,
                    }
                )
                n += 1
    for i in range(40):  # clean documents with no marker at all
        lang = "zh" if i % 2 else "en"
        text = "\n\n".join(rng.sample(FILLER_ZH if lang == "zh" else FILLER_EN, 2))
        docs.append(
            {
                "id": f"cr{n:04d}",
                "lang": lang,
                "kind": "clean",
                "split": "dev",
                "template": "clean",
                "text": text,
                "spans": [],
            }
        )
        n += 1
    return docs


def main() -> None:
    docs = build()
    write_jsonl(OUT, docs, sort_keys=True)
    gold = sum(len(d["spans"]) for d in docs)
    print(f"wrote {len(docs)} documents, {gold} gold spans -> {OUT}")


if __name__ == "__main__":
    main()
