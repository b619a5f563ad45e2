<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>cart view</source>
        <translation>购物车视图</translation>
    </message>
    <message>
        <source>catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>status bar</source>
        <translation>状态栏</translation>
    </message>
    <message>
        <source>The cart database was damaged and kept aside; see the notice</source>
        <translation>购物车数据库已损坏并已另存；请查看通知</translation>
    </message>
    <message>
        <source>Welcome back: your cart holds %n item(s) ({total})</source>
        <translation>欢迎回来：您的购物车中有 %n 件商品（{total}）</translation>
    </message>
    <message>
        <source>Message {version} of the cart&apos;s history was changed outside cartapp (it does not match its tamper-evident digest). The history is kept as it is.</source>
        <translation>购物车历史中的第 {version} 条消息在 cartapp 之外被修改过（与其防篡改摘要不符）。历史记录保持原样。</translation>
    </message>
    <message>
        <source>The cart database was damaged</source>
        <translation>购物车数据库已损坏</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your cart database was damaged. cartapp kept the old file aside and started with what could still be read.&lt;/b&gt;</source>
        <translation>&lt;b&gt;您的购物车数据库已损坏。cartapp 已将旧文件另存，并用仍可读取的内容启动。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>cartapp cannot use its data folder</source>
        <translation>cartapp 无法使用其数据文件夹</translation>
    </message>
    <message>
        <source>cartapp cannot join the shop</source>
        <translation>cartapp 无法加入商店</translation>
    </message>
    <message>
        <source>cartapp cannot open this cart: {reason}.

Only one cartapp at a time may use a data folder ({folder}). Switch to the open window, or start this one with another folder: cartapp --data-dir DIR</source>
        <translation>cartapp 无法打开此购物车：{reason}。

同一时间只能有一个 cartapp 使用一个数据文件夹（{folder}）。请切换到已打开的窗口，或用另一个文件夹启动：cartapp --data-dir DIR</translation>
    </message>
    <message>
        <source>cartapp is already open</source>
        <translation>cartapp 已经打开</translation>
    </message>
    <message>
        <source>cartapp cannot open this cart</source>
        <translation>cartapp 无法打开此购物车</translation>
    </message>
    <message>
        <source>cartapp failed to start: {error}

This is a bug in cartapp; the details were printed where cartapp was started. Please report them.</source>
        <translation>cartapp 启动失败：{error}

这是 cartapp 的缺陷；详细信息已输出到启动 cartapp 的位置。请报告这些信息。</translation>
    </message>
    <message>
        <source>cartapp failed to start</source>
        <translation>cartapp 启动失败</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove {name} from the cart (Delete)</source>
        <translation>从购物车中删除 {name}（Delete 键）</translation>
    </message>
    <message>
        <source>Double-click or F2 to change the quantity; + and - step it</source>
        <translation>双击或按 F2 修改数量；按 + 和 - 逐一增减</translation>
    </message>
    <message>
        <source>{net} less {discount} = {total}, before tax and the order&apos;s discounts</source>
        <translation>{net} 减去 {discount} = {total}（未计税及订单折扣）</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>删除 {name}</translation>
    </message>
</context>
<context>
    <name>CartPanel</name>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>Tax ({rates})</source>
        <translation>税额（{rates}）</translation>
    </message>
    <message>
        <source>type a discount: 10 % or an amount such as 2.50</source>
        <translation>请输入折扣：10 % 或金额，例如 2.50</translation>
    </message>
    <message>
        <source>order −{amount}</source>
        <translation>订单 −{amount}</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>商品行</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Discount ({parts})</source>
        <translation>折扣（{parts}）</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>购物车</translation>
    </message>
    <message>
        <source>Show discounts and coupons</source>
        <translation>显示折扣和优惠券</translation>
    </message>
    <message>
        <source>&amp;Discounts</source>
        <translation>折扣(&amp;D)</translation>
    </message>
    <message>
        <source>Show the line and order discounts and the coupon code</source>
        <translation>显示商品行折扣、订单折扣和优惠券代码</translation>
    </message>
    <message>
        <source>Cart lines</source>
        <translation>购物车商品行</translation>
    </message>
    <message>
        <source>One line per product. F2 edits the quantity, plus and minus step it, Delete removes it</source>
        <translation>每种商品一行。F2 修改数量，加号和减号逐一增减，Delete 删除</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>C&amp;lear cart</source>
        <translation>清空购物车(&amp;L)</translation>
    </message>
    <message>
        <source>Clear cart</source>
        <translation>清空购物车</translation>
    </message>
    <message>
        <source>Check&amp;out…</source>
        <translation>结账(&amp;O)…</translation>
    </message>
    <message>
        <source>Checkout</source>
        <translation>结账</translation>
    </message>
    <message>
        <source>Last rejection</source>
        <translation>最近一次拒绝</translation>
    </message>
    <message>
        <source>10 % or 2.50</source>
        <translation>10 % 或 2.50</translation>
    </message>
    <message>
        <source>&amp;Line discount</source>
        <translation>行折扣(&amp;L)</translation>
    </message>
    <message>
        <source>Discount the selected line</source>
        <translation>给所选行打折</translation>
    </message>
    <message>
        <source>Take the discount off the selected line</source>
        <translation>从所选行扣除折扣</translation>
    </message>
    <message>
        <source>Orde&amp;r discount</source>
        <translation>订单折扣(&amp;R)</translation>
    </message>
    <message>
        <source>Discount the order</source>
        <translation>给订单打折</translation>
    </message>
    <message>
        <source>Take the discount off the whole order</source>
        <translation>从整张订单扣除折扣</translation>
    </message>
    <message>
        <source>Re&amp;move discount</source>
        <translation>取消折扣(&amp;M)</translation>
    </message>
    <message>
        <source>Remove a discount</source>
        <translation>取消一项折扣</translation>
    </message>
    <message>
        <source>Remove the selected line&apos;s discount, else the latest order discount or coupon</source>
        <translation>取消所选行的折扣；若无，则取消最近的订单折扣或优惠券</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>优惠券代码</translation>
    </message>
    <message>
        <source>A&amp;pply coupon</source>
        <translation>使用优惠券(&amp;P)</translation>
    </message>
    <message>
        <source>Apply the coupon</source>
        <translation>使用该优惠券</translation>
    </message>
    <message>
        <source>select the line to discount</source>
        <translation>请选择要打折的行</translation>
    </message>
    <message>
        <source>type a coupon code</source>
        <translation>请输入优惠券代码</translation>
    </message>
    <message>
        <source>Your cart is empty</source>
        <translation>购物车是空的</translation>
    </message>
    <message>
        <source>Pick a product in the catalog and press Add to cart (or Enter).</source>
        <translation>在商品目录中选择商品，然后点击“加入购物车”（或按回车）。</translation>
    </message>
    <message>
        <source>The cart is empty</source>
        <translation>购物车是空的</translation>
    </message>
    <message>
        <source>Not done: {reason}</source>
        <translation>未执行：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 件商品</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>Bakery</source>
        <translation>烘焙</translation>
    </message>
    <message>
        <source>Coffee &amp; Tea</source>
        <translation>咖啡与茶</translation>
    </message>
    <message>
        <source>Dairy</source>
        <translation>乳制品</translation>
    </message>
    <message>
        <source>Fruit &amp; Veg</source>
        <translation>果蔬</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>家居用品</translation>
    </message>
    <message>
        <source>Stationery</source>
        <translation>文具</translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>{left} in stock</source>
        <translation>库存 {left}</translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>{left} available</source>
        <translation>可售 {left}</translation>
    </message>
    <message>
        <source>{left} available, {in_cart} in the cart</source>
        <translation>可售 {left}，购物车中 {in_cart}</translation>
    </message>
    <message>
        <source>{category} · tax {rate} %</source>
        <translation>{category} · 税率 {rate} %</translation>
    </message>
</context>
<context>
    <name>CatalogPanel</name>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <source>Search products</source>
        <translation>搜索商品</translation>
    </message>
    <message>
        <source>Filter by name or SKU</source>
        <translation>按名称或货号筛选</translation>
    </message>
    <message>
        <source>Search by name or SKU, or scan a code  (Ctrl+F)</source>
        <translation>按名称或货号搜索，或扫描条码（Ctrl+F）</translation>
    </message>
    <message>
        <source>Category filter</source>
        <translation>类别筛选</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>One product per row; Enter adds it</source>
        <translation>每行一种商品；按回车加入购物车</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <source>Quantity to add</source>
        <translation>要加入的数量</translation>
    </message>
    <message>
        <source>&amp;Add to cart</source>
        <translation>加入购物车(&amp;A)</translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation>加入购物车</translation>
    </message>
    <message>
        <source>Add the selected product (Enter)</source>
        <translation>加入所选商品（回车）</translation>
    </message>
    <message>
        <source>No products found</source>
        <translation>未找到商品</translation>
    </message>
    <message>
        <source>Show all products</source>
        <translation>显示全部商品</translation>
    </message>
    <message>
        <source>unknown code {code}: no product has it</source>
        <translation>未知条码 {code}：没有商品使用该条码</translation>
    </message>
    <message>
        <source>Nothing matches “{text}” in {category}.</source>
        <translation>在{category}中没有与“{text}”匹配的商品。</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>没有与“{text}”匹配的商品。</translation>
    </message>
    <message>
        <source>Nothing in {category}.</source>
        <translation>{category}中没有商品。</translation>
    </message>
    <message>
        <source>Try another word or category.</source>
        <translation>请换一个关键词或类别。</translation>
    </message>
    <message>
        <source>Select a product to add it</source>
        <translation>选择一种商品以加入购物车</translation>
    </message>
    <message>
        <source>{name}: {left} available</source>
        <translation>{name}：可售 {left}</translation>
    </message>
    <message>
        <source>{name} is out of stock</source>
        <translation>{name} 已缺货</translation>
    </message>
</context>
<context>
    <name>EventLogDetails</name>
    <message>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>handler</source>
        <translation>处理器</translation>
    </message>
    <message>
        <source>who</source>
        <translation>参与者</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>{duration} before generated</source>
        <translation>在产生前 {duration}</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <source>{duration} after decided</source>
        <translation>在决定后 {duration}</translation>
    </message>
    <message>
        <source>committed</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Path of correlation {id} (%n record(s))</source>
        <translation>关联 {id} 的路径（%n 条记录）</translation>
    </message>
    <message>
        <source>Envelope</source>
        <translation>信封</translation>
    </message>
    <message>
        <source>event store</source>
        <translation>事件存储</translation>
    </message>
</context>
<context>
    <name>EventLogDock</name>
    <message>
        <source>The selected record is hidden by the filter.</source>
        <translation>所选记录被筛选条件隐藏了。</translation>
    </message>
    <message>
        <source>Pause the view: every record is still stored and counted (Metrics and Flow go on), but the log stops following; Resume shows what came meanwhile</source>
        <translation>暂停视图：每条记录仍会被保存和计数（指标与流程照常更新），但日志不再跟随；继续后显示期间到达的记录</translation>
    </message>
    <message>
        <source>The record you selected has left the log: it keeps the newest {cap:,} records.
Select a row to see its envelope and its whole path.</source>
        <translation>您选择的记录已离开日志：日志只保留最新的 {cap:,} 条记录。
选择一行以查看其信封和完整路径。</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>Pause the view</source>
        <translation>暂停视图</translation>
    </message>
    <message>
        <source>Auto-scroll</source>
        <translation>自动滚动</translation>
    </message>
    <message>
        <source>Follow new events (scroll to the newest row)</source>
        <translation>跟随新事件（滚动到最新一行）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the view (counters keep counting)</source>
        <translation>清除视图（计数器继续计数）</translation>
    </message>
    <message>
        <source>Event log records</source>
        <translation>事件日志记录</translation>
    </message>
    <message>
        <source>Show the cart at this moment</source>
        <translation>显示此刻的购物车</translation>
    </message>
    <message>
        <source>Open Time travel at this row&apos;s message</source>
        <translation>在时间旅行中打开此行的消息</translation>
    </message>
    <message>
        <source>Resume the view</source>
        <translation>继续视图</translation>
    </message>
    <message>
        <source>Resume: show the records that came while paused, and follow again</source>
        <translation>继续：显示暂停期间到达的记录，并重新跟随</translation>
    </message>
    <message numerus="yes">
        <source>Showing {shown:,} of {total:,} records · %Ln message(s)</source>
        <translation>
            <numerusform>显示 {shown:,} / {total:,} 条记录 · %Ln 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source> · oldest {dropped:,} dropped (keeps {cap:,})</source>
        <translation> · 最早的 {dropped:,} 条已丢弃（保留 {cap:,} 条）</translation>
    </message>
    <message>
        <source>A record is one stage of one message (generated, transmitted, handled, consumed, ...): the {kept:,} records kept are about {messages:,} messages, the count Metrics and Flow show. {kept:,} kept in memory (cap {cap:,}); {total:,} seen; {dropped:,} dropped by the cap; {cleared:,} cleared; {held:,} waiting to be shown</source>
        <translation>一条记录是一条消息的一个阶段（产生、传输、处理、消费……）：保留的 {kept:,} 条记录约对应 {messages:,} 条消息，即指标和流程显示的数量。内存中保留 {kept:,} 条（上限 {cap:,}）；共见到 {total:,} 条；因上限丢弃 {dropped:,} 条；已清除 {cleared:,} 条；{held:,} 条等待显示</translation>
    </message>
    <message numerus="yes">
        <source>Paused: %Ln new record(s) stored and counted, shown when you resume</source>
        <translation>
            <numerusform>已暂停：%Ln 条新记录已保存并计数，继续后显示</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by event type</source>
        <translation>按事件类型筛选</translation>
    </message>
    <message>
        <source>Show only some kinds or types of events</source>
        <translation>只显示某些种类或类型的事件</translation>
    </message>
    <message>
        <source>Filter by stage</source>
        <translation>按阶段筛选</translation>
    </message>
    <message>
        <source>Show only one stage of each event&apos;s path</source>
        <translation>只显示每个事件路径中的一个阶段</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>Search the event log</source>
        <translation>搜索事件日志</translation>
    </message>
    <message>
        <source>Search summary, type, id, source</source>
        <translation>搜索摘要、类型、ID、来源</translation>
    </message>
    <message>
        <source>Event details</source>
        <translation>事件详情</translation>
    </message>
    <message>
        <source>Select a row to see its envelope and its whole path</source>
        <translation>选择一行以查看其信封和完整路径</translation>
    </message>
</context>
<context>
    <name>EventLogFilter</name>
    <message>
        <source>All events</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>事实</translation>
    </message>
    <message>
        <source>Rejections &amp; failures</source>
        <translation>拒绝与失败</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>参与者</translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Local time of the stage (hh:mm:ss.mmm)</source>
        <translation>该阶段的本地时间（时:分:秒.毫秒）</translation>
    </message>
    <message>
        <source>generated, transmitted, handled, failed, consumed or dropped</source>
        <translation>产生、传输、处理、失败、消费或丢弃</translation>
    </message>
    <message>
        <source>Message type</source>
        <translation>消息类型</translation>
    </message>
    <message>
        <source>generated: the source that published it; transmitted, handled, failed: (→) the handler it went to; consumed: (by) the consumers it reached (cart view, event log, metrics, ...)</source>
        <translation>产生：发布它的来源；传输、处理、失败：（→）它送达的处理器；消费：（由）它到达的消费者（购物车视图、事件日志、指标……）</translation>
    </message>
    <message>
        <source>Last characters of the correlation id shared by a click and everything it caused</source>
        <translation>关联 ID 的末几位：一次点击及其引发的一切共用同一个关联 ID</translation>
    </message>
    <message>
        <source>What the message says (the error for a failed handler)</source>
        <translation>消息的内容（处理器失败时为错误信息）</translation>
    </message>
    <message>
        <source>Time since the message was generated</source>
        <translation>自消息产生以来经过的时间</translation>
    </message>
    <message>
        <source>correlation {correlation}
event {event}</source>
        <translation>关联 {correlation}
事件 {event}</translation>
    </message>
    <message>
        <source>handler {handler}, published by {source}</source>
        <translation>处理器 {handler}，由 {source} 发布</translation>
    </message>
    <message>
        <source>published by {source}</source>
        <translation>由 {source} 发布</translation>
    </message>
    <message>
        <source>duration {duration}</source>
        <translation>耗时 {duration}</translation>
    </message>
</context>
<context>
    <name>EventLogView</name>
    <message>
        <source>Events appear here as you use the cart</source>
        <translation>使用购物车时，事件会显示在这里</translation>
    </message>
    <message>
        <source>No recorded events match the filter</source>
        <translation>没有符合筛选条件的已记录事件</translation>
    </message>
    <message>
        <source>The view is paused: records are stored and counted, shown when you resume</source>
        <translation>视图已暂停：记录会被保存和计数，继续后显示</translation>
    </message>
</context>
<context>
    <name>FiguresHelp</name>
    <message>
        <source>Reading the figures</source>
        <translation>如何解读这些数字</translation>
    </message>
    <message>
        <source>Definitions of the figures</source>
        <translation>各项数字的定义</translation>
    </message>
</context>
<context>
    <name>FlowDiagram</name>
    <message>
        <source>Event flow diagram</source>
        <translation>事件流图</translation>
    </message>
    <message>
        <source>Help &gt; Reading the figures says more.</source>
        <translation>详见“帮助 &gt; 解读各项指标”。</translation>
    </message>
    <message>
        <source>No events yet.</source>
        <translation>尚无事件。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{name} {transmitted} in, {handled} handled, {failed} failed</source>
        <translation>{name} 传入 {transmitted}，已处理 {handled}，失败 {failed}</translation>
    </message>
    <message>
        <source>Sources: {sources}. Bus: {generated} generated, {transmitted} transmitted, {dropped} dropped. Handlers: {handlers}. Consumers: {consumed} consumed. Commands: {accepted} accepted, {no_op} no-op. Rejected: {rejected} (decisions, not losses). P(t|e) {p_t}, P(h|e) {p_h}, P(c|h) {p_c}.</source>
        <translation>来源：{sources}。总线：生成 {generated}，传递 {transmitted}，丢弃 {dropped}。处理器：{handlers}。消费者：已消费 {consumed}。命令：已接受 {accepted}，无操作 {no_op}。已拒绝：{rejected}（属于决定，不是损失）。P(t|e) {p_t}，P(h|e) {p_h}，P(c|h) {p_c}。</translation>
    </message>
    <message>
        <source>+{n} more</source>
        <translation>另有 {n} 个</translation>
    </message>
    <message>
        <source>Event bus</source>
        <translation>事件总线</translation>
    </message>
    <message>
        <source>{n} messages</source>
        <translation>{n} 条消息</translation>
    </message>
    <message>
        <source>{name} {generated} ({commands} commands, {facts} facts)</source>
        <translation>{name} {generated}（{commands} 条命令，{facts} 条事实）</translation>
    </message>
    <message>
        <source>{sources}. Other tills, through the shop: {tills}</source>
        <translation>{sources}。经由商店的其他收银台：{tills}</translation>
    </message>
    <message>
        <source>%1 commands</source>
        <translation>%1 条命令</translation>
    </message>
    <message>
        <source>%1 facts</source>
        <translation>%1 条事实</translation>
    </message>
    <message>
        <source>+%1 more tills</source>
        <translation>另有 %1 个收银台</translation>
    </message>
    <message>
        <source>{n} deliveries</source>
        <translation>{n} 次投递</translation>
    </message>
    <message>
        <source>+{n} from other tills</source>
        <translation>另有 {n} 条来自其他收银台</translation>
    </message>
    <message>
        <source>{n} handled</source>
        <translation>已处理 {n}</translation>
    </message>
    <message>
        <source>{n} failed</source>
        <translation>失败 {n}</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>{n} consumed</source>
        <translation>已消费 {n}</translation>
    </message>
    <message>
        <source>{n} accepted</source>
        <translation>已接受 {n}</translation>
    </message>
    <message>
        <source>Dropped {n}</source>
        <translation>丢弃 {n}</translation>
    </message>
    <message>
        <source>no handler</source>
        <translation>无处理器</translation>
    </message>
    <message>
        <source>Failed {n}</source>
        <translation>失败 {n}</translation>
    </message>
    <message>
        <source>handler raised</source>
        <translation>处理器抛出异常</translation>
    </message>
    <message>
        <source>Rejected {n}</source>
        <translation>已拒绝 {n}</translation>
    </message>
    <message>
        <source>of {n} commands</source>
        <translation>共 {n} 条命令</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Bus</source>
        <translation>总线</translation>
    </message>
    <message>
        <source>Handlers</source>
        <translation>处理器</translation>
    </message>
    <message>
        <source>Use the cart: its events will flow through here</source>
        <translation>使用购物车：它的事件会在这里流过</translation>
    </message>
</context>
<context>
    <name>FlowDock</name>
    <message>
        <source>Flow</source>
        <translation>事件流</translation>
    </message>
    <message>
        <source>Flow view</source>
        <translation>事件流视图</translation>
    </message>
    <message>
        <source>Export heatmap PNG…</source>
        <translation>导出热力图 PNG…</translation>
    </message>
    <message>
        <source>Export the heatmap as PNG</source>
        <translation>将热力图导出为 PNG</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export statistics as CSV</source>
        <translation>将统计数据导出为 CSV</translation>
    </message>
    <message>
        <source>Heatmap saved to {path}</source>
        <translation>热力图已保存到 {path}</translation>
    </message>
    <message>
        <source>Export heatmap</source>
        <translation>导出热力图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>HandlerModel</name>
    <message>
        <source>Handler</source>
        <translation>处理器</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Subscribed handler</source>
        <translation>已订阅的处理器</translation>
    </message>
    <message>
        <source>Messages delivered to it</source>
        <translation>送达它的消息数</translation>
    </message>
    <message>
        <source>Calls that raised an exception, out of its calls (a rejection is not a failure)</source>
        <translation>抛出异常的调用占其全部调用的比例（拒绝不算失败）</translation>
    </message>
    <message>
        <source>Commands it answered with CommandRejected, out of its calls: its decisions</source>
        <translation>它以 CommandRejected 回应的命令占其全部调用的比例：这是它的决定</translation>
    </message>
    <message>
        <source>Median run time (within 1%)</source>
        <translation>运行时间中位数（误差 1% 以内）</translation>
    </message>
    <message>
        <source>95th percentile run time (within 1%)</source>
        <translation>运行时间第 95 百分位（误差 1% 以内）</translation>
    </message>
    <message>
        <source>99th percentile run time (within 1%)</source>
        <translation>运行时间第 99 百分位（误差 1% 以内）</translation>
    </message>
    <message>
        <source>Longest run (exact)</source>
        <translation>最长运行时间（精确）</translation>
    </message>
    <message>
        <source>{failed:,} of {calls:,} calls raised</source>
        <translation>{calls:,} 次调用中有 {failed:,} 次抛出异常</translation>
    </message>
</context>
<context>
    <name>KeyboardShortcuts</name>
    <message>
        <source>&amp;Pause the event log</source>
        <translation>暂停事件日志(&amp;P)</translation>
    </message>
    <message>
        <source>Hold new records back from the event log&apos;s view (they are still stored)</source>
        <translation>新记录暂不显示在事件日志中（仍会被保存）</translation>
    </message>
    <message>
        <source>Back to &amp;live</source>
        <translation>回到实时(&amp;L)</translation>
    </message>
    <message>
        <source>Time travel: the live cart again, following every change</source>
        <translation>时间旅行：回到实时购物车，跟随每一次变化</translation>
    </message>
    <message>
        <source>P&amp;revious message</source>
        <translation>上一条消息(&amp;R)</translation>
    </message>
    <message>
        <source>Time travel: the message before</source>
        <translation>时间旅行：前一条消息</translation>
    </message>
    <message>
        <source>&amp;Next message</source>
        <translation>下一条消息(&amp;N)</translation>
    </message>
    <message>
        <source>Time travel: the message after</source>
        <translation>时间旅行：后一条消息</translation>
    </message>
    <message>
        <source>&amp;First message</source>
        <translation>第一条消息(&amp;F)</translation>
    </message>
    <message>
        <source>Time travel: the first message of the session</source>
        <translation>时间旅行：本会话的第一条消息</translation>
    </message>
    <message>
        <source>L&amp;ast message</source>
        <translation>最后一条消息(&amp;A)</translation>
    </message>
    <message>
        <source>Time travel: the last message of the session</source>
        <translation>时间旅行：本会话的最后一条消息</translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation>历史(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Go to panel</source>
        <translation>转到面板(&amp;G)</translation>
    </message>
    <message>
        <source>Show %1 and put the keyboard in it</source>
        <translation>显示“%1”并将键盘焦点移到其中</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>cartapp shows {language} when it starts again.</source>
        <translation>cartapp 下次启动时将显示{language}。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation>跟随系统（{language}）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>LatencyModel</name>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Stage of a message&apos;s path</source>
        <translation>消息路径中的阶段</translation>
    </message>
    <message>
        <source>Stage records seen</source>
        <translation>见到的阶段记录数</translation>
    </message>
    <message>
        <source>Median time since generation (within 1%)</source>
        <translation>自产生以来时间的中位数（误差 1% 以内）</translation>
    </message>
    <message>
        <source>95th percentile (within 1%)</source>
        <translation>第 95 百分位（误差 1% 以内）</translation>
    </message>
    <message>
        <source>99th percentile (within 1%)</source>
        <translation>第 99 百分位（误差 1% 以内）</translation>
    </message>
    <message>
        <source>Slowest seen (exact)</source>
        <translation>见到的最慢值（精确）</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Added by this message</source>
        <translation>由此消息添加</translation>
    </message>
    <message>
        <source>Changed by this message</source>
        <translation>由此消息修改</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{quantity} x {name} @ {price} = {net}</source>
        <translation>{quantity} × {name} @ {price} = {net}</translation>
    </message>
    <message>
        <source>Subtotal: {amount}</source>
        <translation>小计：{amount}</translation>
    </message>
    <message>
        <source>Tax: {amount}</source>
        <translation>税额：{amount}</translation>
    </message>
    <message>
        <source>Total: {amount}</source>
        <translation>合计：{amount}</translation>
    </message>
    <message>
        <source>{app} — event-driven shopping cart</source>
        <translation>{app} — 事件驱动的购物车</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>最新事件</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find product…</source>
        <translation>查找商品(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Remove line</source>
        <translation>删除此行(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected cart line</source>
        <translation>删除所选的购物车行</translation>
    </message>
    <message>
        <source>&amp;Increase quantity</source>
        <translation>增加数量(&amp;I)</translation>
    </message>
    <message>
        <source>Add one more of the selected line</source>
        <translation>所选行再加一件</translation>
    </message>
    <message>
        <source>&amp;Decrease quantity</source>
        <translation>减少数量(&amp;D)</translation>
    </message>
    <message>
        <source>One less of the selected line</source>
        <translation>所选行减少一件</translation>
    </message>
    <message>
        <source>&amp;Edit quantity…</source>
        <translation>修改数量(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Add to cart</source>
        <translation>加入购物车(&amp;A)</translation>
    </message>
    <message>
        <source>Add the selected product</source>
        <translation>加入所选商品</translation>
    </message>
    <message>
        <source>&amp;Clear cart</source>
        <translation>清空购物车(&amp;C)</translation>
    </message>
    <message>
        <source>Empty the cart (can be undone)</source>
        <translation>清空购物车（可撤销）</translation>
    </message>
    <message>
        <source>Check&amp;out…</source>
        <translation>结账(&amp;O)…</translation>
    </message>
    <message>
        <source>Close the cart into an order</source>
        <translation>将购物车结算为订单</translation>
    </message>
    <message>
        <source>&amp;Park cart</source>
        <translation>挂起购物车(&amp;P)</translation>
    </message>
    <message>
        <source>Put the open cart aside to serve the next customer (can be undone)</source>
        <translation>把当前购物车暂放一边，先接待下一位顾客（可撤销）</translation>
    </message>
    <message>
        <source>&amp;About cartapp</source>
        <translation>关于 cartapp(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reading the figures</source>
        <translation>如何解读这些数字(&amp;R)</translation>
    </message>
    <message>
        <source>What P(e), P(t|e), P(h|e), P(c|h), Accepted and Rejected mean</source>
        <translation>P(e)、P(t|e)、P(h|e)、P(c|h)、已接受与已拒绝的含义</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Cart</source>
        <translation>购物车(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Scan: {reason}</source>
        <translation>扫码：{reason}</translation>
    </message>
    <message>
        <source>{code} is not a coupon code</source>
        <translation>{code} 不是优惠券代码</translation>
    </message>
    <message>
        <source>A parked cart&apos;s name must be plain text of at most 200 characters</source>
        <translation>挂起购物车的名称必须是不超过 200 个字符的纯文本</translation>
    </message>
    <message>
        <source>Checkout cancelled</source>
        <translation>已取消结账</translation>
    </message>
    <message>
        <source>Order #{number} cannot be found for a refund</source>
        <translation>找不到要退款的订单 #{number}</translation>
    </message>
    <message>
        <source>Payment cancelled; the cart is as it was</source>
        <translation>已取消付款；购物车保持原样</translation>
    </message>
    <message>
        <source>Error: {summary}</source>
        <translation>错误：{summary}</translation>
    </message>
    <message>
        <source>{summary} — thank you!</source>
        <translation>{summary} — 谢谢惠顾！</translation>
    </message>
    <message>
        <source>About cartapp</source>
        <translation>关于 cartapp</translation>
    </message>
    <message>
        <source>&lt;b&gt;cartapp {version}&lt;/b&gt;&lt;p&gt;An event-driven shopping cart: every click is a command on an event bus, handlers answer with facts, and the views follow the facts. The event log shows each event&apos;s path.&lt;/p&gt;</source>
        <translation>&lt;b&gt;cartapp {version}&lt;/b&gt;&lt;p&gt;一个事件驱动的购物车：每次点击都是事件总线上的一条命令，处理器以事实作答，视图跟随事实更新。事件日志展示每个事件的完整路径。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MetricsDock</name>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Metrics panel</source>
        <translation>指标面板</translation>
    </message>
    <message>
        <source>Metrics summary</source>
        <translation>指标摘要</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export statistics as CSV</source>
        <translation>将统计数据导出为 CSV</translation>
    </message>
    <message>
        <source>Save every statistic of this panel as CSV tables</source>
        <translation>将本面板的全部统计保存为 CSV 表格</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Reset statistics</source>
        <translation>重置统计</translation>
    </message>
    <message>
        <source>Forget all statistics and start counting again</source>
        <translation>清除全部统计并重新开始计数</translation>
    </message>
    <message>
        <source>Stage probabilities</source>
        <translation>各阶段概率</translation>
    </message>
    <message>
        <source>Stage latencies</source>
        <translation>各阶段延迟</translation>
    </message>
    <message>
        <source>Handler timings</source>
        <translation>处理器耗时</translation>
    </message>
    <message>
        <source>Messages &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>消息 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>commands &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>命令 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>rejected &lt;b&gt;{n}&lt;/b&gt; of {commands} commands</source>
        <translation>{commands} 条命令中拒绝 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{failed} of {calls} handler calls</source>
        <translation>{calls} 次处理器调用中{failed}</translation>
    </message>
    <message>
        <source>failed &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>失败 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{dropped} of {messages} messages</source>
        <translation>{messages} 条消息中{dropped}</translation>
    </message>
    <message>
        <source>dropped &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>丢弃 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>in flight &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>传输中 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{messages} messages: {commands} commands and {facts} facts. Rejected: {share} answered by CommandRejected (a decision, not a loss). Failed: handler calls that raised, of all handler calls. Dropped: messages no handler took, of all messages. In flight: generated, not yet consumed.</source>
        <translation>{messages} 条消息：{commands} 条命令和 {facts} 条事实。已拒绝：{share} 以 CommandRejected 答复（是决定，不是损失）。失败：抛出异常的处理器调用，占全部处理器调用的比例。丢弃：没有处理器接收的消息，占全部消息的比例。传输中：已生成、尚未消费。</translation>
    </message>
    <message>
        <source>Only the live counts of this run can be reset (choose “This run”); stored history stays</source>
        <translation>只能重置本次运行的实时计数（请选择“本次运行”）；已存储的历史保持不变</translation>
    </message>
</context>
<context>
    <name>OrdersDock</name>
    <message>
        <source>No orders yet. Check out a cart and its order appears here.</source>
        <translation>还没有订单。结算购物车后，订单会显示在这里。</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Search orders</source>
        <translation>搜索订单</translation>
    </message>
    <message>
        <source>Search orders: number, date, product or tender</source>
        <translation>搜索订单：编号、日期、商品或支付方式</translation>
    </message>
    <message>
        <source>Past orders</source>
        <translation>历史订单</translation>
    </message>
    <message>
        <source>Select an order to see its lines</source>
        <translation>选择一张订单以查看其商品行</translation>
    </message>
    <message>
        <source>Selected order</source>
        <translation>所选订单</translation>
    </message>
    <message>
        <source>Show events</source>
        <translation>显示事件</translation>
    </message>
    <message>
        <source>Show the order&apos;s events</source>
        <translation>显示该订单的事件</translation>
    </message>
    <message>
        <source>Step through this order&apos;s events in Time travel (double-click an order does too)</source>
        <translation>在时间旅行中逐步查看该订单的事件（双击订单也可以）</translation>
    </message>
    <message>
        <source>Receipt…</source>
        <translation>小票…</translation>
    </message>
    <message>
        <source>Show the order&apos;s receipt</source>
        <translation>显示该订单的小票</translation>
    </message>
    <message>
        <source>Preview, print or save this order&apos;s receipt again</source>
        <translation>再次预览、打印或保存该订单的小票</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>退款…</translation>
    </message>
    <message>
        <source>Refund lines of the order</source>
        <translation>退还订单中的商品行</translation>
    </message>
    <message>
        <source>Take back some or all of this order&apos;s lines (not undoable)</source>
        <translation>退回该订单的部分或全部商品行（不可撤销）</translation>
    </message>
    <message>
        <source>Lines of the selected order</source>
        <translation>所选订单的商品行</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Order #{number}&lt;/b&gt; · {when} · %n item(s) · &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;订单 #{number}&lt;/b&gt; · {when} · %n 件商品 · &lt;b&gt;{total}&lt;/b&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Order #{number}, {when}
Subtotal {subtotal}, tax {tax}, total {total}</source>
        <translation>订单 #{number}，{when}
小计 {subtotal}，税额 {tax}，合计 {total}</translation>
    </message>
    <message>
        <source>Paid {paid}; change {change}</source>
        <translation>已付 {paid}；找零 {change}</translation>
    </message>
</context>
<context>
    <name>ParkedDock</name>
    <message>
        <source>Parked carts</source>
        <translation>挂起的购物车</translation>
    </message>
    <message>
        <source>Name of the cart to park</source>
        <translation>要挂起的购物车名称</translation>
    </message>
    <message>
        <source>Name (optional), e.g. the customer&apos;s</source>
        <translation>名称（可选），例如顾客姓名</translation>
    </message>
    <message>
        <source>&amp;Park cart</source>
        <translation>挂起购物车(&amp;P)</translation>
    </message>
    <message>
        <source>Put the open cart aside; its products stay held (undoable)</source>
        <translation>把当前购物车暂放一边；其商品仍被保留（可撤销）</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>恢复(&amp;U)</translation>
    </message>
    <message>
        <source>Bring the selected parked cart back (the cart must be empty)</source>
        <translation>恢复所选的挂起购物车（当前购物车必须为空）</translation>
    </message>
    <message>
        <source>No parked carts.</source>
        <translation>没有挂起的购物车。</translation>
    </message>
    <message numerus="yes">
        <source>%n parked cart(s); their products stay held.</source>
        <translation>
            <numerusform>%n 个挂起的购物车；其商品仍被保留。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ParkedModel</name>
    <message>
        <source>Parked</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>type the amount given</source>
        <translation>请输入收到的金额</translation>
    </message>
    <message>
        <source>the amount must be more than nothing</source>
        <translation>金额必须大于零</translation>
    </message>
    <message>
        <source>the amount &apos;{text}&apos; is not a number</source>
        <translation>金额“{text}”不是数字</translation>
    </message>
    <message>
        <source>the amount must be a finite number</source>
        <translation>金额必须是有限的数</translation>
    </message>
    <message>
        <source>the amount cannot be negative</source>
        <translation>金额不能为负数</translation>
    </message>
    <message>
        <source>the amount must be below {most}</source>
        <translation>金额必须低于 {most}</translation>
    </message>
    <message>
        <source>the amount {amount} has more than two decimal places</source>
        <translation>金额 {amount} 的小数超过两位</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <source>Tenders taken</source>
        <translation>已收款项</translation>
    </message>
    <message>
        <source>Amount given</source>
        <translation>收到金额</translation>
    </message>
    <message>
        <source>amount given</source>
        <translation>收到金额</translation>
    </message>
    <message>
        <source>Ca&amp;sh</source>
        <translation>现金(&amp;S)</translation>
    </message>
    <message>
        <source>Take the amount given in cash (change is given back)</source>
        <translation>按现金收取所输金额（多出部分找零）</translation>
    </message>
    <message>
        <source>Car&amp;d</source>
        <translation>银行卡(&amp;D)</translation>
    </message>
    <message>
        <source>Take the amount by card (at most what is due)</source>
        <translation>用银行卡收取所输金额（不超过应付金额）</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>应找零</translation>
    </message>
    <message>
        <source>A payment cannot be undone: once the order is paid, money goes back by a refund.</source>
        <translation>付款无法撤销：订单付清后，只能通过退款退回款项。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Drop the tenders taken and go back to the cart</source>
        <translation>放弃已收款项，返回购物车</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>&amp;Receipt…</source>
        <translation>收据(&amp;R)…</translation>
    </message>
    <message>
        <source>Preview, print or save the receipt of the order</source>
        <translation>预览、打印或保存该订单的收据</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Card: {amount}</source>
        <translation>银行卡：{amount}</translation>
    </message>
    <message>
        <source>Cash: {amount}</source>
        <translation>现金：{amount}</translation>
    </message>
    <message>
        <source>Order #{number} paid</source>
        <translation>订单 #{number} 已付款</translation>
    </message>
</context>
<context>
    <name>ProbabilityModel</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>All messages, commands, facts, then each event type</source>
        <translation>全部消息、命令、事实，然后是每种事件类型</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>全部消息</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>事实</translation>
    </message>
    <message>
        <source>all: {n:,} generated</source>
        <translation>全部：生成 {n:,} 条</translation>
    </message>
    <message>
        <source>command: {n:,} generated</source>
        <translation>命令：生成 {n:,} 条</translation>
    </message>
    <message>
        <source>fact: {n:,} generated</source>
        <translation>事实：生成 {n:,} 条</translation>
    </message>
    <message>
        <source>message: {n:,} generated</source>
        <translation>消息：生成 {n:,} 条</translation>
    </message>
    <message>
        <source>{kind}: {n:,} generated</source>
        <translation>{kind}：生成 {n:,} 条</translation>
    </message>
    <message>
        <source>share of generated messages</source>
        <translation>占已生成消息的比例</translation>
    </message>
    <message>
        <source>transmitted at least once</source>
        <translation>至少传输过一次</translation>
    </message>
    <message>
        <source>deliveries handled without error</source>
        <translation>无错误处理的投递</translation>
    </message>
    <message>
        <source>handled messages whose result reached the views</source>
        <translation>结果已到达视图的已处理消息</translation>
    </message>
</context>
<context>
    <name>QuantityDelegate</name>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>RateChart</name>
    <message>
        <source>Events per second, last minute</source>
        <translation>每秒事件数，最近一分钟</translation>
    </message>
    <message>
        <source>Events per second, its last minute</source>
        <translation>每秒事件数，其最后一分钟</translation>
    </message>
    <message>
        <source>these {n} s</source>
        <translation>这 {n} 秒内</translation>
    </message>
    <message>
        <source>its last {n} s</source>
        <translation>其最后 {n} 秒内</translation>
    </message>
    <message>
        <source>{n} message in {span}</source>
        <translation>{span}有 {n} 条消息</translation>
    </message>
    <message>
        <source>{n} messages in {span}</source>
        <translation>{span}有 {n} 条消息</translation>
    </message>
    <message>
        <source>All {n} message of the scope are in {span}</source>
        <translation>该范围的全部 {n} 条消息都在{span}</translation>
    </message>
    <message>
        <source>All {n} messages of the scope are in {span}</source>
        <translation>该范围的全部 {n} 条消息都在{span}</translation>
    </message>
    <message>
        <source>{shown} of the {total} messages of the scope are in {span}; the rest are older</source>
        <translation>该范围 {total} 条消息中有 {shown} 条在{span}；其余的更早</translation>
    </message>
    <message>
        <source>Messages (bars) and commands (line) per second over the last {n} s, up to now. {window}. The figures beside the chart count the whole scope.</source>
        <translation>最近 {n} 秒内每秒的消息数（柱）和命令数（线），截至现在。{window}。图表旁的数字统计的是整个范围。</translation>
    </message>
    <message>
        <source>Messages (bars) and commands (line) per second over the last {n} s, up to the end of the session. {window}. The figures beside the chart count the whole scope.</source>
        <translation>最后 {n} 秒内每秒的消息数（柱）和命令数（线），截至会话结束。{window}。图表旁的数字统计的是整个范围。</translation>
    </message>
    <message>
        <source>{messages} messages and {commands} commands in the current second; peak {peak} messages per second in the last {n} seconds</source>
        <translation>当前这一秒有 {messages} 条消息和 {commands} 条命令；最近 {n} 秒内峰值为每秒 {peak} 条消息</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Events per second, last {n} s</source>
        <translation>每秒事件数，最近 {n} 秒</translation>
    </message>
    <message>
        <source>Events/s, last {n} s</source>
        <translation>事件/秒，最近 {n} 秒</translation>
    </message>
    <message>
        <source>now {now}/s · peak {peak}/s</source>
        <translation>当前 {now}/秒 · 峰值 {peak}/秒</translation>
    </message>
    <message>
        <source>at the end {now}/s · peak {peak}/s</source>
        <translation>结束时 {now}/秒 · 峰值 {peak}/秒</translation>
    </message>
    <message>
        <source>{shown} of {total} messages · {status}</source>
        <translation>{total} 条消息中的 {shown} 条 · {status}</translation>
    </message>
    <message>
        <source>−{n} s</source>
        <translation>−{n} 秒</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>end</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>No events in the last minute</source>
        <translation>最近一分钟没有事件</translation>
    </message>
    <message>
        <source>No events in its last minute</source>
        <translation>其最后一分钟没有事件</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>Receipt of order #{number}</source>
        <translation>订单 #{number} 的收据</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation>将收据保存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be saved: {error}</source>
        <translation>无法保存 PDF：{error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Pays back</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Refund from order #{number}</source>
        <translation>订单 #{number} 退款</translation>
    </message>
    <message>
        <source>Lines of the order</source>
        <translation>订单明细</translation>
    </message>
    <message>
        <source>Units of {name} to return</source>
        <translation>{name} 的退回数量</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>why it comes back, e.g. damaged</source>
        <translation>退货原因，例如：损坏</translation>
    </message>
    <message>
        <source>Pay back by</source>
        <translation>退款方式</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>A refund cannot be undone; the stock comes back at once.</source>
        <translation>退款无法撤销；库存会立即恢复。</translation>
    </message>
    <message>
        <source>&amp;Refund</source>
        <translation>退款(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>Pay back &amp;by</source>
        <translation>退款方式(&amp;B)</translation>
    </message>
    <message>
        <source>choose what comes back and say why</source>
        <translation>请选择退回的商品并说明原因</translation>
    </message>
    <message>
        <source>the reason must be plain text (no control characters)</source>
        <translation>原因必须是纯文本（不能含控制字符）</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>{meaning}: {n:,} of {total:,}</source>
        <translation>{meaning}：{total:,} 中的 {n:,}</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>次调用</translation>
    </message>
    <message>
        <source>{name} answered {rejected:,} of the {transmitted:,} messages delivered to it with CommandRejected: decisions, handled without error (not failures)</source>
        <translation>{name} 对送达它的 {transmitted:,} 条消息中的 {rejected:,} 条以 CommandRejected 答复：这些是决定，已无错误地处理（不是失败）</translation>
    </message>
    <message>
        <source>commands</source>
        <translation>条命令</translation>
    </message>
    <message>
        <source>{rejected:,} of {commands:,} {what}</source>
        <translation>{commands:,} {what}中的 {rejected:,}</translation>
    </message>
    <message>
        <source>Commands answered by CommandRejected: the handler decided not to change the cart (too few in stock, nothing to remove, ...). A rejection is a decision, handled without error and consumed: it is neither a loss nor a handler failure</source>
        <translation>以 CommandRejected 答复的命令：处理器决定不更改购物车（库存不足、没有可移除的商品……）。拒绝是一种决定，已无错误地处理并被消费：它既不是损失，也不是处理器失败</translation>
    </message>
    <message>
        <source>Facts are not rejected: only commands are</source>
        <translation>事实不会被拒绝：只有命令会</translation>
    </message>
    <message>
        <source>{name} commands</source>
        <translation>条 {name} 命令</translation>
    </message>
    <message>
        <source>{share} rejected. {meaning}</source>
        <translation>已拒绝 {share}。{meaning}</translation>
    </message>
    <message>
        <source>Facts are not accepted or rejected: only commands</source>
        <translation>事实无所谓接受或拒绝：只有命令才有</translation>
    </message>
    <message>
        <source>{accepted:,} of {handled:,} handled commands changed something; {rejected:,} rejected, {no_op:,} no-op (nothing to change). {meaning}</source>
        <translation>{handled:,} 条已处理的命令中有 {accepted:,} 条改变了某些东西；{rejected:,} 条被拒绝，{no_op:,} 条无操作（没有可改变的）。{meaning}</translation>
    </message>
    <message>
        <source>{n:,} failed</source>
        <translation>{n:,} 失败</translation>
    </message>
    <message>
        <source>{n:,} dropped</source>
        <translation>{n:,} 丢弃</translation>
    </message>
    <message>
        <source>{failed:,} handler calls raised, {dropped:,} messages had no handler (rejections are not losses: see Rejected)</source>
        <translation>{failed:,} 次处理器调用抛出异常，{dropped:,} 条消息没有处理器（拒绝不是损失：见“已拒绝”）</translation>
    </message>
</context>
<context>
    <name>ScopeSelector</name>
    <message>
        <source>Statistics scope</source>
        <translation>统计范围</translation>
    </message>
    <message>
        <source>Which traffic the statistics count</source>
        <translation>统计所计入的流量</translation>
    </message>
    <message>
        <source>Which traffic the statistics count: {scope}</source>
        <translation>统计所计入的流量：{scope}</translation>
    </message>
</context>
<context>
    <name>SessionFiles</name>
    <message>
        <source>&amp;Export session as JSON Lines…</source>
        <translation>将会话导出为 JSON Lines(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the session shown in Time travel (normally the current cart&apos;s) as a file</source>
        <translation>把时间旅行中显示的会话（通常是当前购物车的会话）保存为文件</translation>
    </message>
    <message>
        <source>Export &amp;all history…</source>
        <translation>导出全部历史(&amp;A)…</translation>
    </message>
    <message>
        <source>Save every message of the cart, all sessions and orders, as a file</source>
        <translation>把购物车的每条消息（所有会话和订单）保存为文件</translation>
    </message>
    <message>
        <source>&amp;Import session…</source>
        <translation>导入会话(&amp;I)…</translation>
    </message>
    <message>
        <source>Open a JSON Lines file as a new session to replay in Time travel</source>
        <translation>打开一个 JSON Lines 文件作为新会话，在时间旅行中回放</translation>
    </message>
    <message>
        <source>Save the session shown in Time travel (messages {first}–{last}) as a file</source>
        <translation>把时间旅行中显示的会话（消息 {first}–{last}）保存为文件</translation>
    </message>
    <message>
        <source>Save the session (messages {first}–{last}) as a file</source>
        <translation>把会话（消息 {first}–{last}）保存为文件</translation>
    </message>
    <message>
        <source>Nothing to export yet: the cart has no messages</source>
        <translation>暂无可导出的内容：购物车还没有消息</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>This cart has no events yet: add something first.</source>
        <translation>这个购物车还没有事件：请先添加商品。</translation>
    </message>
    <message>
        <source>Export session</source>
        <translation>导出会话</translation>
    </message>
    <message>
        <source>Export all history</source>
        <translation>导出全部历史</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write {path}:
{reason}</source>
        <translation>无法写入 {path}：
{reason}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n message(s) to {name}</source>
        <translation>
            <numerusform>已将 %n 条消息导出到 {name}</numerusform>
        </translation>
    </message>
    <message>
        <source>An import is already running</source>
        <translation>已有一个导入正在进行</translation>
    </message>
    <message>
        <source>Import session</source>
        <translation>导入会话</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>Checked %Ln line(s)…</source>
        <translation>
            <numerusform>已检查 %Ln 行…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{title} is a copy of stored history (%n message(s) of the live cart, {first}–{last}): shown in Time travel, read only; nothing was imported</source>
        <translation>
            <numerusform>{title} 是已存历史的副本（当前购物车的 %n 条消息，{first}–{last}）：已在时间旅行中以只读方式显示；没有导入任何内容</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{title} is a copy of stored history (%n message(s) of an imported session, {first}–{last}): shown in Time travel, read only; nothing was imported</source>
        <translation>
            <numerusform>{title} 是已存历史的副本（某个导入会话的 %n 条消息，{first}–{last}）：已在时间旅行中以只读方式显示；没有导入任何内容</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy of stored history: {title}</source>
        <translation>已存储历史的副本：{title}</translation>
    </message>
    <message>
        <source>Import of {name} cancelled; nothing was changed</source>
        <translation>已取消导入 {name}；没有任何改动</translation>
    </message>
    <message>
        <source>Line {line}: </source>
        <translation>第 {line} 行：</translation>
    </message>
    <message>
        <source>Import refused</source>
        <translation>导入被拒绝</translation>
    </message>
    <message>
        <source>{name} was not imported; nothing was changed.</source>
        <translation>{name} 未被导入；没有任何改动。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>{name} could not be imported; nothing was changed.</source>
        <translation>{name} 无法导入；没有任何改动。</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n message(s) from {title}: replay it in Time travel (your cart is unchanged)</source>
        <translation>
            <numerusform>已从 {title} 导入 %n 条消息：可在时间旅行中回放（您的购物车不变）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shop</name>
    <message>
        <source>Parked cart #%1 could not be resumed: this till could not store it. It is still parked, and any till of the shop can resume it</source>
        <translation>挂单 #%1 无法恢复：本收银台无法保存它。它仍处于挂单状态，商店中的任何收银台都可以恢复它</translation>
    </message>
    <message>
        <source>Parked cart #%1 of till %2 could not be resumed here: this till could not store it. It is parked in the shop again, and any till can resume it</source>
        <translation>收银台 %2 的挂单 #%1 无法在此恢复：本收银台无法保存它。它已重新挂单到商店中，任何收银台都可以恢复它</translation>
    </message>
    <message>
        <source>shop, from till {till}</source>
        <translation>商店，来自收银台 {till}</translation>
    </message>
    <message>
        <source>That parked cart was just resumed</source>
        <translation>该挂单刚刚已被恢复</translation>
    </message>
    <message>
        <source>That parked cart was just resumed at till {till}</source>
        <translation>该挂单刚刚已在收银台 {till} 恢复</translation>
    </message>
</context>
<context>
    <name>ShopDock</name>
    <message>
        <source>Shop: till {till}, online</source>
        <translation>商店：收银台 {till}，在线</translation>
    </message>
    <message>
        <source>Shop: till {till}, offline: adding waits for the shop; the rest still works</source>
        <translation>商店：收银台 {till}，离线：添加商品需等待商店恢复；其他功能照常</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>商店</translation>
    </message>
    <message>
        <source>Tills in the shop</source>
        <translation>商店中的收银台</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) from the network refused as invalid or forged (see the log file)</source>
        <translation>
            <numerusform>来自网络的 %n 条消息因无效或伪造被拒绝（见日志文件）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <source>generated</source>
        <translation>产生</translation>
    </message>
    <message>
        <source>transmitted</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>handled</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>consumed</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>丢弃</translation>
    </message>
</context>
<context>
    <name>StateDiffModel</name>
    <message>
        <source>Cart</source>
        <translation>购物车</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>商品行</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>行折扣</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>行合计</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Order discount</source>
        <translation>订单折扣</translation>
    </message>
    <message>
        <source>Coupon %1</source>
        <translation>优惠券 %1</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Takes off</source>
        <translation>优惠金额</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>In the cart</source>
        <translation>购物车中</translation>
    </message>
    <message>
        <source>Held by parked carts</source>
        <translation>挂单占用</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <source>Left in stock</source>
        <translation>剩余库存</translation>
    </message>
    <message>
        <source>What</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Added by this message</source>
        <translation>由此消息添加</translation>
    </message>
    <message>
        <source>Removed by this message</source>
        <translation>由此消息移除</translation>
    </message>
    <message>
        <source>Changed by this message</source>
        <translation>由此消息更改</translation>
    </message>
</context>
<context>
    <name>StateDiffView</name>
    <message>
        <source>The cart before and after this message</source>
        <translation>此消息之前和之后的购物车</translation>
    </message>
    <message>
        <source>What this message changed: lines, discounts, totals and stock</source>
        <translation>此消息改变了什么：商品行、折扣、总计和库存</translation>
    </message>
</context>
<context>
    <name>StatsDock</name>
    <message>
        <source>The other tills are counted from when this till joined the shop; choose this till for the time scopes</source>
        <translation>其他收银台从本收银台加入商店时开始计数；要使用时间范围，请选择本收银台</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <source>Statistics saved to {path}</source>
        <translation>统计数据已保存到 {path}</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>导出统计数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>StatsScopes</name>
    <message>
        <source>The session: every message since the last checkout; right after a checkout (also after a restart), the order just checked out. The same messages Time travel and File &gt; Export session show</source>
        <translation>本次会话：自上次结账以来的每条消息；刚结账后（重启后也一样）则是刚结账的订单。与“时间旅行”和“文件 &gt; 导出会话”显示的消息相同</translation>
    </message>
    <message>
        <source>This run (live)</source>
        <translation>本次运行（实时）</translation>
    </message>
    <message>
        <source>Live traffic since cartapp started</source>
        <translation>cartapp 启动以来的实时流量</translation>
    </message>
    <message>
        <source>Current session</source>
        <translation>当前会话</translation>
    </message>
    <message>
        <source>All history</source>
        <translation>全部历史</translation>
    </message>
    <message>
        <source>Every stored stage row (the newest 500,000 are kept), then live; what the event log shows</source>
        <translation>每一条已存储的阶段记录（保留最新的 500,000 条），然后是实时数据；即事件日志显示的内容</translation>
    </message>
    <message>
        <source>Reading {scope}…</source>
        <translation>正在读取{scope}…</translation>
    </message>
    <message>
        <source>Reading {scope}… {percent} %</source>
        <translation>正在读取{scope}… {percent} %</translation>
    </message>
    <message>
        <source>Could not read the stored statistics: {error}</source>
        <translation>无法读取已存储的统计数据：{error}</translation>
    </message>
</context>
<context>
    <name>TillScopes</name>
    <message>
        <source>This till (%1)</source>
        <translation>本收银台（%1）</translation>
    </message>
    <message>
        <source>What this till&apos;s bus did, with the time scope chosen beside</source>
        <translation>本收银台的总线做了什么，按旁边选择的时间范围统计</translation>
    </message>
    <message>
        <source>Till %1</source>
        <translation>收银台 %1</translation>
    </message>
    <message>
        <source>What till %1&apos;s bus did, as it shares it, since this till joined</source>
        <translation>收银台 %1 的总线做了什么（按其共享的数据），自本收银台加入以来</translation>
    </message>
    <message>
        <source>Whole shop</source>
        <translation>整个商店</translation>
    </message>
    <message>
        <source>Every till&apos;s traffic together, since this till joined; the transitions are each till&apos;s own, summed</source>
        <translation>自本收银台加入以来所有收银台的流量合计；转移为各收银台自身的转移之和</translation>
    </message>
</context>
<context>
    <name>TillSelector</name>
    <message>
        <source>Till scope</source>
        <translation>收银台范围</translation>
    </message>
    <message>
        <source>Whose traffic the statistics count</source>
        <translation>统计计入哪些收银台的流量</translation>
    </message>
</context>
<context>
    <name>TillsModel</name>
    <message>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最后在线</translation>
    </message>
    <message>
        <source>Open cart lines</source>
        <translation>当前购物车行数</translation>
    </message>
    <message>
        <source>Parked carts</source>
        <translation>挂起的购物车</translation>
    </message>
    <message>
        <source>{till} (this till)</source>
        <translation>{till}（本收银台）</translation>
    </message>
    <message>
        <source>gone</source>
        <translation>已离开</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
</context>
<context>
    <name>TimeTravelDock</name>
    <message>
        <source>Live cart</source>
        <translation>实时购物车</translation>
    </message>
    <message>
        <source>Time travel</source>
        <translation>时间旅行</translation>
    </message>
    <message>
        <source>History to browse</source>
        <translation>要浏览的历史</translation>
    </message>
    <message>
        <source>The live cart&apos;s history, or an imported session</source>
        <translation>实时购物车的历史，或导入的会话</translation>
    </message>
    <message>
        <source>First message</source>
        <translation>第一条消息</translation>
    </message>
    <message>
        <source>Previous message</source>
        <translation>上一条消息</translation>
    </message>
    <message>
        <source>Message in the session</source>
        <translation>会话中的消息</translation>
    </message>
    <message>
        <source>Next message</source>
        <translation>下一条消息</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>最后一条消息</translation>
    </message>
    <message>
        <source>Totals at the selected message</source>
        <translation>所选消息时的合计</translation>
    </message>
    <message>
        <source>That message is not in the store (nothing to show)</source>
        <translation>存储中没有这条消息（无可显示）</translation>
    </message>
    <message>
        <source>{title} · {n} message</source>
        <translation>{title} · {n} 条消息</translation>
    </message>
    <message>
        <source>{title} · {n} messages</source>
        <translation>{title} · {n} 条消息</translation>
    </message>
    <message>
        <source>{n} message</source>
        <translation>{n} 条消息</translation>
    </message>
    <message>
        <source>{n} messages</source>
        <translation>{n} 条消息</translation>
    </message>
    <message>
        <source>{title} · messages {first}–{last}</source>
        <translation>{title} · 第 {first}–{last} 条消息</translation>
    </message>
    <message>
        <source>stream {stream}, versions {first}–{last}</source>
        <translation>流 {stream}，版本 {first}–{last}</translation>
    </message>
    <message>
        <source>versions {first}–{last}</source>
        <translation>版本 {first}–{last}</translation>
    </message>
    <message>
        <source>Subtotal {subtotal} &amp;nbsp;·&amp;nbsp; Tax {tax} &amp;nbsp;·&amp;nbsp; &lt;b&gt;Total {total}&lt;/b&gt;</source>
        <translation>小计 {subtotal} &amp;nbsp;·&amp;nbsp; 税额 {tax} &amp;nbsp;·&amp;nbsp; &lt;b&gt;合计 {total}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The live cart, following it</source>
        <translation>实时购物车，正在跟随</translation>
    </message>
    <message>
        <source>The live cart&apos;s history: {title}, read only (choose it to go back to live)</source>
        <translation>实时购物车的历史：{title}，只读（选择它可回到实时）</translation>
    </message>
    <message>
        <source>The cart at the selected message (read only)</source>
        <translation>所选消息时的购物车（只读）</translation>
    </message>
    <message>
        <source>What the time travel view shows</source>
        <translation>时间旅行视图显示的内容</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>回到实时</translation>
    </message>
    <message>
        <source>Show the current cart again and follow it</source>
        <translation>重新显示当前购物车并跟随它</translation>
    </message>
    <message>
        <source>Changed by this message</source>
        <translation>这条消息带来的变化</translation>
    </message>
    <message>
        <source>What this message changed</source>
        <translation>这条消息改变了什么</translation>
    </message>
</context>
<context>
    <name>TransitionHeatmap</name>
    <message>
        <source>Transition matrix of user actions</source>
        <translation>用户操作的转移矩阵</translation>
    </message>
    <message>
        <source>No user actions yet.</source>
        <translation>尚无用户操作。</translation>
    </message>
    <message>
        <source>Now: {action} · no prediction yet (never followed by another action)</source>
        <translation>当前：{action} · 暂无预测（其后从未有过其他操作）</translation>
    </message>
    <message>
        <source>Last action: {action} · no prediction yet (never followed by another action)</source>
        <translation>最后操作：{action} · 暂无预测（其后从未有过其他操作）</translation>
    </message>
    <message>
        <source>Now: {action} · most likely next: {next} ({share})</source>
        <translation>当前：{action} · 最可能的下一步：{next}（{share}）</translation>
    </message>
    <message>
        <source>Last action: {action} · most likely next: {next} ({share})</source>
        <translation>最后操作：{action} · 最可能的下一步：{next}（{share}）</translation>
    </message>
    <message>
        <source>User actions: P(next | current)</source>
        <translation>用户操作：P(next | current)</translation>
    </message>
    <message>
        <source>The transition matrix fills in as you use the cart
(it needs two actions in a row)</source>
        <translation>使用购物车时转移矩阵会逐渐填满
（需要连续两次操作）</translation>
    </message>
    <message>
        <source>next action: {action}</source>
        <translation>下一步操作：{action}</translation>
    </message>
    <message>
        <source>{source} → {target}: {p} ({count} of {total})</source>
        <translation>{source} → {target}：{p}（{total} 次中的 {count} 次）</translation>
    </message>
    <message>
        <source>{source} was never followed by another action yet</source>
        <translation>{source} 之后尚未有过其他操作</translation>
    </message>
    <message>
        <source>stationary share of {source}: {pi}</source>
        <translation>{source} 的平稳分布占比：{pi}</translation>
    </message>
</context>
<context>
    <name>WhatIfModel</name>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>当时</translation>
    </message>
    <message>
        <source>What if</source>
        <translation>假如</translation>
    </message>
    <message>
        <source>Leave the command out of the sandbox (Space)</source>
        <translation>在沙盒中略去此命令（空格键）</translation>
    </message>
    <message>
        <source>Position of the command in the range</source>
        <translation>命令在范围中的位置</translation>
    </message>
    <message>
        <source>The command as it was given</source>
        <translation>当时发出的命令</translation>
    </message>
    <message>
        <source>What the command did in the real history</source>
        <translation>该命令在真实历史中的结果</translation>
    </message>
    <message>
        <source>What the command would do with the skipped commands left out</source>
        <translation>略去被跳过的命令后，该命令会有什么结果</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>still rejected</source>
        <translation>仍被拒绝</translation>
    </message>
    <message>
        <source>now rejected</source>
        <translation>现在被拒绝</translation>
    </message>
    <message>
        <source>now accepted</source>
        <translation>现在被接受</translation>
    </message>
    <message>
        <source>Rejected then: %1</source>
        <translation>当时被拒绝：%1</translation>
    </message>
    <message>
        <source>Skipped in the sandbox: tick off to put it back</source>
        <translation>已在沙盒中跳过：取消勾选即可恢复</translation>
    </message>
    <message>
        <source>Tick to leave this command out of the sandbox</source>
        <translation>勾选以在沙盒中略去此命令</translation>
    </message>
    <message>
        <source>Would now be rejected: %1</source>
        <translation>现在会被拒绝：%1</translation>
    </message>
    <message>
        <source>Rejected in the real history; accepted in the sandbox</source>
        <translation>在真实历史中被拒绝；在沙盒中被接受</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>跳过</translation>
    </message>
</context>
<context>
    <name>WhatIfPanel</name>
    <message>
        <source>What if…</source>
        <translation>假如…</translation>
    </message>
    <message>
        <source>What if: skip past commands in a sandbox</source>
        <translation>假如：在沙盒中跳过过去的命令</translation>
    </message>
    <message>
        <source>Skip past commands and see the cart as it would be (a sandbox)</source>
        <translation>跳过过去的命令，查看购物车会变成什么样（沙盒）</translation>
    </message>
    <message>
        <source>What the what-if sandbox shows</source>
        <translation>假如沙盒显示的内容</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Skip nothing: the sandbox is the real history again</source>
        <translation>不跳过任何命令：沙盒恢复为真实历史</translation>
    </message>
    <message>
        <source>Apply to live cart</source>
        <translation>应用到实时购物车</translation>
    </message>
    <message>
        <source>Commands of the range; tick to skip one</source>
        <translation>范围内的命令；勾选即可跳过</translation>
    </message>
    <message>
        <source>Skip or keep this command</source>
        <translation>跳过或保留此命令</translation>
    </message>
    <message>
        <source>The sandbox&apos;s cart</source>
        <translation>沙盒中的购物车</translation>
    </message>
    <message>
        <source>The cart as it would be (sandbox, not live)</source>
        <translation>购物车会变成的样子（沙盒，非实时）</translation>
    </message>
    <message>
        <source>Totals of the sandbox</source>
        <translation>沙盒的总计</translation>
    </message>
    <message>
        <source>Stock left in the sandbox</source>
        <translation>沙盒中的剩余库存</translation>
    </message>
    <message>
        <source>How the sandbox differs from the real cart</source>
        <translation>沙盒与真实购物车的不同之处</translation>
    </message>
    <message>
        <source>What applying does</source>
        <translation>应用会做什么</translation>
    </message>
    <message numerus="yes">
        <source>Apply what-if (%n change(s))</source>
        <translation>
            <numerusform>应用假如（%n 处更改）</numerusform>
        </translation>
    </message>
    <message>
        <source>Subtotal %1 · Tax %2 · &lt;b&gt;Total %3&lt;/b&gt;</source>
        <translation>小计 %1 · 税额 %2 · &lt;b&gt;合计 %3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Same as the real cart.</source>
        <translation>与真实购物车相同。</translation>
    </message>
    <message>
        <source>(other discounts or stock)</source>
        <translation>（折扣或库存不同）</translation>
    </message>
    <message>
        <source>Unlike the real cart:
%1</source>
        <translation>与真实购物车不同：
%1</translation>
    </message>
    <message numerus="yes">
        <source>What-if sandbox, not the live cart: %n command(s) skipped; %1 would now be rejected. Nothing here changes the live cart until you apply it.</source>
        <translation>
            <numerusform>假如沙盒，不是实时购物车：已跳过 %n 条命令；%1 条现在会被拒绝。在您应用之前，这里的一切都不会改变实时购物车。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>What-if sandbox, not the live cart: %n command(s) skipped. Nothing here changes the live cart until you apply it.</source>
        <translation>
            <numerusform>假如沙盒，不是实时购物车：已跳过 %n 条命令。在您应用之前，这里的一切都不会改变实时购物车。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n command(s) to the live cart. %1 refused: %2 (Edit &gt; Undo takes back what the others changed.)</source>
        <translation>
            <numerusform>已向实时购物车发送 %n 条命令。%1 条被拒绝：%2（“编辑 &gt; 撤销”可撤回其他命令所做的更改。）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n command(s) to the live cart. %1 refused: %2</source>
        <translation>
            <numerusform>已向实时购物车发送 %n 条命令。%1 条被拒绝：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 (really %3)</source>
        <translation>%1：%2（实际为 %3）</translation>
    </message>
    <message>
        <source>Stock left: %1</source>
        <translation>剩余库存：%1</translation>
    </message>
    <message>
        <source>Apply works on the live cart&apos;s current session only.</source>
        <translation>只能应用到实时购物车的当前会话。</translation>
    </message>
    <message>
        <source>Cannot apply: %1</source>
        <translation>无法应用：%1</translation>
    </message>
    <message>
        <source>No difference from the live cart.</source>
        <translation>与实时购物车没有区别。</translation>
    </message>
    <message numerus="yes">
        <source>Apply sends %n command(s) to the live cart; one undo takes them back.</source>
        <translation>
            <numerusform>应用会向实时购物车发送 %n 条命令；撤销一次即可全部撤回。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n command(s) to the live cart; Edit &gt; Undo takes them back in one step.</source>
        <translation>
            <numerusform>已向实时购物车发送 %n 条命令；“编辑 &gt; 撤销”可一步全部撤回。</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep this command</source>
        <translation>保留此命令</translation>
    </message>
    <message>
        <source>Skip this command</source>
        <translation>跳过此命令</translation>
    </message>
    <message>
        <source>Show the cart at this command</source>
        <translation>显示此命令时的购物车</translation>
    </message>
</context>
<context>
    <name>glossary</name>
    <message>
        <source>{name}: {meaning} ({formula})</source>
        <translation>{name}：{meaning}（{formula}）</translation>
    </message>
    <message>
        <source>generation: the share of all generated messages that are of this kind or type</source>
        <translation>生成：在所有已生成的消息中，属于该类别或类型的比例</translation>
    </message>
    <message>
        <source>messages generated / all messages generated</source>
        <translation>已生成的消息数 / 已生成的全部消息数</translation>
    </message>
    <message>
        <source>transmission: of the generated messages, those the bus delivered to at least one handler (a message with no handler is dropped)</source>
        <translation>传递：在已生成的消息中，由总线投递给至少一个处理器的比例（没有处理器的消息被丢弃）</translation>
    </message>
    <message>
        <source>messages transmitted / messages generated</source>
        <translation>已传递的消息数 / 已生成的消息数</translation>
    </message>
    <message>
        <source>handling: of the deliveries to handlers, those a handler finished without raising (a rejection is handled: the handler decided)</source>
        <translation>处理：在投递给处理器的次数中，处理器未抛出异常而完成的比例（拒绝也算已处理：处理器作出了决定）</translation>
    </message>
    <message>
        <source>deliveries handled / deliveries</source>
        <translation>已处理的投递数 / 投递数</translation>
    </message>
    <message>
        <source>consumption of the result: of the handled messages, those whose result (the message and every fact it caused, a CommandRejected included) reached its consumers, the views</source>
        <translation>结果的消费：在已处理的消息中，其结果（消息本身及其引起的每条事实，包括 CommandRejected）到达消费者（各视图）的比例</translation>
    </message>
    <message>
        <source>handled messages consumed / handled messages</source>
        <translation>已消费的已处理消息数 / 已处理消息数</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>acceptance: of the handled commands, those that changed something (a fact other than CommandRejected or HandlerFailed followed). A rejected command is not accepted, and neither is a no-op (an update to the quantity a line already has: no fact at all)</source>
        <translation>接受：在已处理的命令中，确实改变了某些东西的比例（其后跟随的是 CommandRejected 或 HandlerFailed 以外的事实）。被拒绝的命令不算接受，无操作也不算（把数量更新为该行已有的数量：根本没有事实）</translation>
    </message>
    <message>
        <source>commands accepted / commands handled</source>
        <translation>已接受的命令数 / 已处理的命令数</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>commands answered by CommandRejected: a decision of the handler, handled without error and consumed; neither a loss nor a failure</source>
        <translation>以 CommandRejected 答复的命令：这是处理器的决定，已无错误地处理并被消费；既不是损失也不是失败</translation>
    </message>
    <message>
        <source>commands rejected, out of the row&apos;s commands</source>
        <translation>被拒绝的命令数，占该行命令数</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>failed (a handler raised) and dropped (no handler) messages</source>
        <translation>失败（处理器抛出异常）和丢弃（没有处理器）的消息</translation>
    </message>
    <message>
        <source>handler calls that raised, messages with no handler</source>
        <translation>抛出异常的处理器调用数，没有处理器的消息数</translation>
    </message>
    <message>
        <source>A message&apos;s life has four stages: generated (published by its source), transmitted (delivered by the bus to a handler), handled (the handler returned) and consumed (the message and every fact it caused reached the views). Each probability is measured from the app&apos;s own traffic and shown with its counts, e.g. 0.875 (7/8).</source>
        <translation>一条消息的生命有四个阶段：生成（由其来源发布）、传递（由总线投递给处理器）、处理（处理器返回）和消费（消息及其引起的每条事实到达各视图）。每个概率都由本应用自身的流量测得，并附上计数显示，例如 0.875 (7/8)。</translation>
    </message>
    <message>
        <source>{name} — {meaning}.</source>
        <translation>{name} — {meaning}。</translation>
    </message>
    <message>
        <source>Markov chain of user actions: the states are the commands a person gave (the UI&apos;s AddItem, UpdateItem, ...) and Undo and Redo, which are user actions of their own; the commands an undo or a redo publishes are not counted again.</source>
        <translation>用户操作的马尔可夫链：状态是用户发出的命令（界面的 AddItem、UpdateItem 等），以及撤销和重做——它们本身就是用户操作；撤销或重做所发布的命令不再重复计数。</translation>
    </message>
</context>
<context>
    <name>log_text</name>
    <message>
        <source>by {consumers}</source>
        <translation>由 {consumers}</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>add {quantity} x {name}</source>
        <translation>添加 {quantity} x {name}</translation>
    </message>
    <message>
        <source>remove {quantity} x {name}</source>
        <translation>移除 {quantity} x {name}</translation>
    </message>
    <message>
        <source>set {name} to {quantity}</source>
        <translation>将 {name} 设为 {quantity}</translation>
    </message>
    <message>
        <source>clear the cart</source>
        <translation>清空购物车</translation>
    </message>
    <message>
        <source>check out</source>
        <translation>结账</translation>
    </message>
    <message>
        <source>Added {quantity} x {name}</source>
        <translation>已添加 {quantity} x {name}</translation>
    </message>
    <message>
        <source>Removed {quantity} x {name}</source>
        <translation>已移除 {quantity} x {name}</translation>
    </message>
    <message>
        <source>Changed {name} from {previous} to {quantity}</source>
        <translation>已将 {name} 从 {previous} 改为 {quantity}</translation>
    </message>
    <message>
        <source>Cleared the cart (%n item)</source>
        <translation>已清空购物车（%n 件商品）</translation>
    </message>
    <message>
        <source>Cleared the cart (%n items)</source>
        <translation>已清空购物车（%n 件商品）</translation>
    </message>
    <message>
        <source>Checked out order #{number}: {total}</source>
        <translation>订单 #{number} 已结账：{total}</translation>
    </message>
    <message>
        <source>Rejected: {reason}</source>
        <translation>已拒绝：{reason}</translation>
    </message>
    <message>
        <source>{handler} failed on {message}: {error_type}: {error}</source>
        <translation>{handler} 处理 {message} 失败：{error_type}：{error}</translation>
    </message>
    <message>
        <source>resume parked cart #{number} of till {till}</source>
        <translation>恢复收银台 {till} 的挂单 #{number}</translation>
    </message>
    <message>
        <source>Resumed parked cart #{number} of till {till}: %n items</source>
        <translation>已恢复收银台 {till} 的挂单 #{number}：%n 件商品</translation>
    </message>
    <message>
        <source>hand parked cart #{number} over to till {till}</source>
        <translation>将挂单 #{number} 移交给收银台 {till}</translation>
    </message>
    <message>
        <source>Parked cart #{number} was resumed at till {till}</source>
        <translation>挂单 #{number} 已在收银台 {till} 恢复</translation>
    </message>
    <message>
        <source>park the cart as {name}</source>
        <translation>将购物车挂单为 {name}</translation>
    </message>
    <message>
        <source>park the cart</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>resume parked cart #{number}</source>
        <translation>恢复挂单 #{number}</translation>
    </message>
    <message>
        <source>Parked cart #{number} ({name}): %n items</source>
        <translation>已挂单 #{number}（{name}）：%n 件商品</translation>
    </message>
    <message>
        <source>Parked cart #{number}: %n items</source>
        <translation>已挂单 #{number}：%n 件商品</translation>
    </message>
    <message>
        <source>Resumed parked cart #{number} ({name})</source>
        <translation>已恢复挂单 #{number}（{name}）</translation>
    </message>
    <message>
        <source>Resumed parked cart #{number}</source>
        <translation>已恢复挂单 #{number}</translation>
    </message>
    <message>
        <source>discount {off} off the order</source>
        <translation>整单折扣 {off}</translation>
    </message>
    <message>
        <source>discount {off} off {name}</source>
        <translation>{name} 折扣 {off}</translation>
    </message>
    <message>
        <source>remove the discount of the order</source>
        <translation>取消整单折扣</translation>
    </message>
    <message>
        <source>remove the discount of {what}</source>
        <translation>取消 {what} 的折扣</translation>
    </message>
    <message>
        <source>take {amount} by card</source>
        <translation>银行卡收款 {amount}</translation>
    </message>
    <message>
        <source>take {amount} by cash</source>
        <translation>现金收款 {amount}</translation>
    </message>
    <message>
        <source>cancel the payment</source>
        <translation>取消付款</translation>
    </message>
    <message>
        <source>refund order #{number}: {reason}</source>
        <translation>订单 #{number} 退款：{reason}</translation>
    </message>
    <message>
        <source>Discount {off} off the order</source>
        <translation>整单折扣 {off}</translation>
    </message>
    <message>
        <source>Discount {off} off {name}</source>
        <translation>{name} 折扣 {off}</translation>
    </message>
    <message>
        <source>Coupon {code}: {off} off</source>
        <translation>优惠券 {code}：优惠 {off}</translation>
    </message>
    <message>
        <source>Removed the discount of the order</source>
        <translation>已取消整单折扣</translation>
    </message>
    <message>
        <source>Removed the discount of {what}</source>
        <translation>已取消 {what} 的折扣</translation>
    </message>
    <message>
        <source>Took {amount} by card</source>
        <translation>已用银行卡收款 {amount}</translation>
    </message>
    <message>
        <source>Took {amount} by cash</source>
        <translation>已收现金 {amount}</translation>
    </message>
    <message>
        <source>Cancelled the payment (%n tender(s))</source>
        <translation>已取消付款（%n 笔收款）</translation>
    </message>
    <message>
        <source>Refunded {amount} of order #{number}</source>
        <translation>已退款订单 #{number} 的 {amount}</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <source>a payment is in progress ({due} still due); cancel it to change the cart</source>
        <translation>正在付款（仍应付 {due}）；要修改购物车请先取消付款</translation>
    </message>
    <message>
        <source>unknown product &apos;{item}&apos;</source>
        <translation>未知商品“{item}”</translation>
    </message>
    <message>
        <source>quantity must be at least 1 (got {got})</source>
        <translation>数量至少为 1（收到 {got}）</translation>
    </message>
    <message>
        <source>quantity must be at most {most} (got {got})</source>
        <translation>数量最多为 {most}（收到 {got}）</translation>
    </message>
    <message>
        <source>quantity of {name} must be at least 1 (got {got}); use Remove to take it out of the cart</source>
        <translation>{name} 的数量至少为 1（收到 {got}）；要从购物车中拿出请用“移除”</translation>
    </message>
    <message>
        <source>quantity of {name} must be at most {most} (got {got})</source>
        <translation>{name} 的数量最多为 {most}（收到 {got}）</translation>
    </message>
    <message>
        <source>at most {most} x {name} per cart ({in_cart} already in the cart)</source>
        <translation>每个购物车最多 {most} x {name}（购物车中已有 {in_cart}）</translation>
    </message>
    <message>
        <source>no more {name} in stock ({in_cart} already in the cart)</source>
        <translation>{name} 已无更多库存（购物车中已有 {in_cart}）</translation>
    </message>
    <message>
        <source>{name} is out of stock</source>
        <translation>{name} 已售罄</translation>
    </message>
    <message>
        <source>only {left} more {name} in stock ({in_cart} already in the cart)</source>
        <translation>{name} 库存只剩 {left} 件可加（购物车中已有 {in_cart}）</translation>
    </message>
    <message>
        <source>only {left} {name} left in stock</source>
        <translation>{name} 库存只剩 {left} 件</translation>
    </message>
    <message>
        <source>only {most} {name} in stock</source>
        <translation>{name} 库存只有 {most} 件</translation>
    </message>
    <message>
        <source>the cart total would be {total} {currency}; an order must stay below {limit} {currency}</source>
        <translation>购物车合计将为 {total} {currency}；订单必须低于 {limit} {currency}</translation>
    </message>
    <message>
        <source>the cart total is {total} {currency}; an order must stay below {limit} {currency}</source>
        <translation>购物车合计为 {total} {currency}；订单必须低于 {limit} {currency}</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; is not in the cart</source>
        <translation>“{item}”不在购物车中</translation>
    </message>
    <message>
        <source>only {quantity} x {name} in the cart</source>
        <translation>购物车中只有 {quantity} x {name}</translation>
    </message>
    <message>
        <source>the cart is already empty</source>
        <translation>购物车已经是空的</translation>
    </message>
    <message>
        <source>cannot check out an empty cart</source>
        <translation>空购物车无法结账</translation>
    </message>
    <message>
        <source>{due} is still due; take another payment or cancel it</source>
        <translation>仍应付 {due}；请再收一笔款或取消付款</translation>
    </message>
    <message>
        <source>unknown command {command}</source>
        <translation>未知命令 {command}</translation>
    </message>
    <message>
        <source>a huge number</source>
        <translation>一个极大的数</translation>
    </message>
    <message>
        <source>give a discount as either a percent or an amount</source>
        <translation>折扣请给出百分比或金额，二者选一</translation>
    </message>
    <message>
        <source>a discount must take something off</source>
        <translation>折扣必须减去一些金额</translation>
    </message>
    <message>
        <source>cannot discount an empty cart</source>
        <translation>空购物车无法打折</translation>
    </message>
    <message>
        <source>the order already has a discount; remove it first</source>
        <translation>该订单已有折扣；请先取消它</translation>
    </message>
    <message>
        <source>{name} already has a discount; remove it first</source>
        <translation>{name} 已有折扣；请先取消它</translation>
    </message>
    <message>
        <source>a discount of {off} is more than {name}&apos;s {net}</source>
        <translation>{off} 的折扣超过了 {name} 的 {net}</translation>
    </message>
    <message>
        <source>unknown coupon code {code}</source>
        <translation>未知优惠券代码 {code}</translation>
    </message>
    <message>
        <source>coupon {code} is already applied</source>
        <translation>优惠券 {code} 已经使用</translation>
    </message>
    <message>
        <source>coupon {code} expired on {day}</source>
        <translation>优惠券 {code} 已于 {day} 过期</translation>
    </message>
    <message>
        <source>coupon {code} is valid from {day}</source>
        <translation>优惠券 {code} 自 {day} 起生效</translation>
    </message>
    <message>
        <source>coupon {code} applies to the order only; nothing in the cart does</source>
        <translation>优惠券 {code} 仅适用于整单；购物车中没有适用的商品</translation>
    </message>
    <message>
        <source>coupon {code} applies to {categories} only; nothing in the cart does</source>
        <translation>优惠券 {code} 仅适用于 {categories}；购物车中没有适用的商品</translation>
    </message>
    <message>
        <source>coupon {code}: minimum spend {minimum} not reached ({base} so far)</source>
        <translation>优惠券 {code}：未达到最低消费 {minimum}（目前 {base}）</translation>
    </message>
    <message>
        <source>coupon {code} is not applied</source>
        <translation>优惠券 {code} 未使用</translation>
    </message>
    <message>
        <source>{name} has no discount</source>
        <translation>{name} 没有折扣</translation>
    </message>
    <message>
        <source>the order has no discount</source>
        <translation>该订单没有折扣</translation>
    </message>
    <message>
        <source>no payment is in progress</source>
        <translation>当前没有进行中的付款</translation>
    </message>
    <message>
        <source>cannot take a payment for an empty cart</source>
        <translation>空购物车无法收款</translation>
    </message>
    <message>
        <source>nothing is due; check out</source>
        <translation>已无应付金额；请结账</translation>
    </message>
    <message>
        <source>a payment must be more than nothing</source>
        <translation>付款金额必须大于零</translation>
    </message>
    <message>
        <source>a card pays at most what is due ({due}), not {amount}</source>
        <translation>银行卡最多支付应付金额（{due}），不能支付 {amount}</translation>
    </message>
    <message>
        <source>there is no order #{number}</source>
        <translation>没有订单 #{number}</translation>
    </message>
    <message>
        <source>name at least one line to refund</source>
        <translation>请至少指定一行要退款的商品</translation>
    </message>
    <message>
        <source>order #{number} has no &apos;{item}&apos;</source>
        <translation>订单 #{number} 中没有“{item}”</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; is listed twice</source>
        <translation>“{item}”列出了两次</translation>
    </message>
    <message>
        <source>quantity of {name} must be at least 1 (got {got})</source>
        <translation>{name} 的数量至少为 1（收到 {got}）</translation>
    </message>
    <message>
        <source>{name} of order #{number} was already refunded in full</source>
        <translation>订单 #{number} 的 {name} 已全部退款</translation>
    </message>
    <message>
        <source>only {quantity} x {name} of order #{number} can still be refunded</source>
        <translation>订单 #{number} 中只有 {quantity} x {name} 还可以退款</translation>
    </message>
    <message>
        <source>cannot park an empty cart</source>
        <translation>空购物车无法挂单</translation>
    </message>
    <message>
        <source>at most {most} carts can be parked; resume one first</source>
        <translation>最多只能挂 {most} 单；请先恢复一单</translation>
    </message>
    <message>
        <source>parked cart #{number} exists already</source>
        <translation>挂单 #{number} 已存在</translation>
    </message>
    <message>
        <source>there is no parked cart #{number}</source>
        <translation>没有挂单 #{number}</translation>
    </message>
    <message>
        <source>the cart is not empty; park it or check it out before resuming #{number}</source>
        <translation>购物车不是空的；恢复 #{number} 之前请先挂单或结账</translation>
    </message>
    <message>
        <source>the cart is not empty; park it or check it out before resuming parked cart #{number} of till {till}</source>
        <translation>购物车不是空的；恢复收银台 {till} 的挂单 #{number} 之前请先挂单或结账</translation>
    </message>
    <message>
        <source>there is no parked cart #{number} to hand over</source>
        <translation>没有可移交的挂单 #{number}</translation>
    </message>
    <message>
        <source>the shop&apos;s server cannot be reached, so {name} cannot be reserved; removing, lowering and checking out still work</source>
        <translation>无法连接商店服务器，因此无法预留 {name}；移除、减少数量和结账仍然可用</translation>
    </message>
    <message>
        <source>the shop&apos;s server cannot be reached, so parked cart #{number} cannot be resumed (other tills can see it); it stays parked</source>
        <translation>无法连接商店服务器，因此无法恢复挂单 #{number}（其他收银台可以看到它）；它仍保持挂单</translation>
    </message>
    <message>
        <source>the shop&apos;s server cannot be reached, so parked cart #{number} of till {till} cannot be resumed (other tills can see it); it stays parked</source>
        <translation>无法连接商店服务器，因此无法恢复收银台 {till} 的挂单 #{number}（其他收银台可以看到它）；它仍保持挂单</translation>
    </message>
    <message>
        <source>the shop did not answer ({error}); nothing was reserved</source>
        <translation>商店没有响应（{error}）；未预留任何商品</translation>
    </message>
    <message>
        <source>the shop did not answer ({error}); parked cart #{number} stays parked</source>
        <translation>商店没有响应（{error}）；挂单 #{number} 仍保持挂单</translation>
    </message>
    <message>
        <source>the shop did not answer ({error}); parked cart #{number} of till {till} stays parked</source>
        <translation>商店没有响应（{error}）；收银台 {till} 的挂单 #{number} 仍保持挂单</translation>
    </message>
    <message>
        <source>parked cart #{number} was just resumed at till {holder}</source>
        <translation>挂单 #{number} 刚在收银台 {holder} 被恢复</translation>
    </message>
    <message>
        <source>parked cart #{number} was just resumed at another till</source>
        <translation>挂单 #{number} 刚在另一台收银台被恢复</translation>
    </message>
    <message>
        <source>parked cart #{number} of till {till} was just resumed at till {holder}</source>
        <translation>收银台 {till} 的挂单 #{number} 刚在收银台 {holder} 被恢复</translation>
    </message>
    <message>
        <source>parked cart #{number} of till {till} was just resumed at another till</source>
        <translation>收银台 {till} 的挂单 #{number} 刚在另一台收银台被恢复</translation>
    </message>
    <message>
        <source>the last {name} was just taken</source>
        <translation>最后一件 {name} 刚被拿走</translation>
    </message>
    <message>
        <source>the last {name} was just taken at till {till}</source>
        <translation>最后一件 {name} 刚在收银台 {till} 被拿走</translation>
    </message>
    <message>
        <source>only {left} {name} left in the shop</source>
        <translation>商店里 {name} 只剩 {left} 件</translation>
    </message>
</context>
<context>
    <name>receipt</name>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Order #{number}</source>
        <translation>订单 #{number}</translation>
    </message>
    <message>
        <source>discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Tax {rate} on {base}</source>
        <translation>税额 {rate}（计税 {base}）</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>谢谢惠顾！</translation>
    </message>
</context>
<context>
    <name>reconcile</name>
    <message>
        <source>a payment is in progress on the live cart; cancel it first</source>
        <translation>实时购物车正在付款；请先取消付款</translation>
    </message>
    <message>
        <source>the what-if ends with a payment in progress, which cannot be applied</source>
        <translation>假如的结果是一笔进行中的付款，无法应用</translation>
    </message>
    <message>
        <source>the what-if changes orders that were checked out or refunded; an order is final</source>
        <translation>假如改变了已结账或已退款的订单；订单一经完成即不可更改</translation>
    </message>
    <message>
        <source>the what-if parks or resumes other carts; park or resume them by hand</source>
        <translation>假如会挂单或恢复其他购物车；请手动挂单或恢复</translation>
    </message>
</context>
<context>
    <name>scopes</name>
    <message>
        <source>Session {number} · order #{order} · {when}</source>
        <translation>会话 {number} · 订单 #{order} · {when}</translation>
    </message>
    <message>
        <source>Session {number} · order #{order}</source>
        <translation>会话 {number} · 订单 #{order}</translation>
    </message>
    <message>
        <source>The stored traffic of session {number} (messages {first} to {last}), ending with order #{order}</source>
        <translation>会话 {number} 的已存储流量（第 {first} 至 {last} 条消息），以订单 #{order} 结束</translation>
    </message>
</context>
<context>
    <name>tills</name>
    <message>
        <source>till {name}</source>
        <translation>收银台 {name}</translation>
    </message>
</context>
<context>
    <name>time_travel</name>
    <message>
        <source>Current session</source>
        <translation>当前会话</translation>
    </message>
    <message>
        <source>Imported: {name}</source>
        <translation>已导入：{name}</translation>
    </message>
    <message>
        <source>Total {amount}</source>
        <translation>合计 {amount}</translation>
    </message>
    <message>
        <source>Current session (order #{number}, checked out)</source>
        <translation>当前会话（订单 #{number}，已结账）</translation>
    </message>
    <message>
        <source>Order #{number}</source>
        <translation>订单 #{number}</translation>
    </message>
    <message>
        <source>Live cart: nothing has happened in this session yet.</source>
        <translation>实时购物车：本次会话中尚未发生任何事。</translation>
    </message>
    <message>
        <source>This range holds no messages.</source>
        <translation>此范围内没有消息。</translation>
    </message>
    <message>
        <source>Live cart, following every change (last: &apos;{summary}&apos;). Pick a row in the event log or move the slider to look back.</source>
        <translation>实时购物车，跟随每一次变化（最近：“{summary}”）。在事件日志中选一行或拖动滑块即可回溯。</translation>
    </message>
    <message>
        <source>Replaying {name}: the cart at {time} after &apos;{summary}&apos; — read only, your cart is not changed</source>
        <translation>正在重放 {name}：{time} “{summary}”之后的购物车——只读，你的购物车不会改变</translation>
    </message>
    <message>
        <source>Replaying {name}: the cart at {time} after command &apos;{summary}&apos; — read only, your cart is not changed</source>
        <translation>正在重放 {name}：{time} 命令“{summary}”之后的购物车——只读，你的购物车不会改变</translation>
    </message>
    <message>
        <source>Viewing the cart as it was at {time} after &apos;{summary}&apos; — read only</source>
        <translation>正在查看 {time} “{summary}”之后的购物车——只读</translation>
    </message>
    <message>
        <source>Viewing the cart as it was at {time} after command &apos;{summary}&apos; — read only</source>
        <translation>正在查看 {time} 命令“{summary}”之后的购物车——只读</translation>
    </message>
    <message>
        <source>Nothing yet: no message in this session.</source>
        <translation>尚无内容：本次会话中没有消息。</translation>
    </message>
    <message>
        <source>Nothing: a command changes nothing by itself; its facts follow it.</source>
        <translation>无变化：命令本身不改变任何东西；随后的事实才会改变。</translation>
    </message>
    <message>
        <source>The cart was closed into order #{number} ({total}) and is empty.</source>
        <translation>购物车已结为订单 #{number}（{total}），现在是空的。</translation>
    </message>
    <message>
        <source>Nothing in the cart changed.</source>
        <translation>购物车没有任何变化。</translation>
    </message>
</context>
</TS>
